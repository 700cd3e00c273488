using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Conv;

/// <summary>Unfold (im2col) and Fold (col2im): hand-checked values and the adjoint relation between them.</summary>
public class UnfoldFoldTests
{
    static Tensor Random(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed), DType.Float64);

    static double Dot(Tensor a, Tensor b) => (a * b).Sum().Item();

    [Fact]
    public void UnfoldListsEachBlockAsAColumn()
    {
        // A 3×3 image 1…9 with 2×2 blocks: four blocks, each a column of its four pixels (row by row).
        var image = Tensor.Arange(1, 10, dtype: DType.Float32).Reshape(1, 1, 3, 3);
        var columns = F.Unfold(image, 2);
        Assert.Equal([1, 4, 4], columns.Shape.ToArray());
        Assert.Equal(new float[]
        {
            1, 2, 4, 5,   // top-left tap of each block
            2, 3, 5, 6,   // top-right
            4, 5, 7, 8,   // bottom-left
            5, 6, 8, 9,   // bottom-right
        }, columns.ToArray<float>());
    }

    [Fact]
    public void UnfoldReadsZerosInThePadding()
    {
        var image = Tensor.Ones(1, 1, 2, 2);
        var columns = F.Unfold(image, 3, padding: 1);
        Assert.Equal([1, 9, 4], columns.Shape.ToArray());
        // Each 3×3 window around a pixel of a 2×2 image covers exactly 4 image pixels.
        Assert.Equal(new float[] { 4, 4, 4, 4 }, columns.Sum(1).ToArray<float>());
    }

    [Fact]
    public void FoldOfUnfoldCountsHowManyBlocksCoverEachPixel()
    {
        var ones = Tensor.Ones(1, 1, 3, 4);
        var covered = F.Fold(F.Unfold(ones, 2), (3, 4), 2);
        Assert.Equal(new float[] { 1, 2, 2, 1, 2, 4, 4, 2, 1, 2, 2, 1 }, covered.ToArray<float>());
    }

    [Theory]
    [InlineData(2, 2, 1, 1, 0, 0, 1, 1)]
    [InlineData(3, 2, 2, 1, 1, 2, 2, 3)]
    [InlineData(1, 3, 1, 2, 0, 1, 3, 1)]
    public void FoldIsTheAdjointOfUnfold(int kh, int kw, int dh, int dw, int ph, int pw, int sh, int sw)
    {
        // ⟨Unfold(x), y⟩ = ⟨x, Fold(y)⟩ for every x and y: the two are transposes of one linear map.
        var x = Random(1, 2, 3, 7, 8);
        var columns = x.Unfold((kh, kw), (dh, dw), (ph, pw), (sh, sw));
        var y = Random(2, [.. columns.Shape]);
        var folded = y.Fold((7, 8), (kh, kw), (dh, dw), (ph, pw), (sh, sw));
        Assert.Equal(Dot(columns, y), Dot(x, folded), 10);
    }

    [Fact]
    public void ConvTranspose2dIsTheAdjointOfConv2d()
    {
        // With the same weight and settings, ⟨Conv2d(x), y⟩ = ⟨x, ConvTranspose2d(y)⟩; output_padding recovers the
        // input size a strided convolution rounded away.
        var weight = Random(3, 6, 2, 3, 2);
        var x = Random(4, 2, 4, 8, 7);
        var y = Random(5, 2, 6, 4, 3);
        var forward = F.Conv2d(x, weight, stride: (2, 3), padding: (1, 1), dilation: (1, 2), groups: 2);
        Assert.Equal([2, 6, 4, 3], forward.Shape.ToArray());
        var back = F.ConvTranspose2d(y, weight, stride: (2, 3), padding: (1, 1), outputPadding: (1, 0), groups: 2, dilation: (1, 2));
        Assert.Equal([2, 4, 8, 7], back.Shape.ToArray());
        Assert.Equal(Dot(forward, y), Dot(x, back), 10);
    }

    [Fact]
    public void Conv2dMatchesADirectLoop()
    {
        // The textbook definition, written out with loops, on a configuration with every setting in play.
        var x = Random(6, 2, 4, 6, 7);
        var weight = Random(7, 6, 2, 3, 2);
        var bias = Random(8, 6);
        int stride = 2, padding = 1, dilation = 2, groups = 2;
        var actual = F.Conv2d(x, weight, bias, stride, padding, dilation, groups);

        var xs = x.ToArray<double>();
        var ws = weight.ToArray<double>();
        var bs = bias.ToArray<double>();
        int n = 2, cin = 4, h = 6, w = 7, cout = 6, kh = 3, kw = 2, perGroupIn = cin / groups, perGroupOut = cout / groups;
        int oh = (h + 2 * padding - dilation * (kh - 1) - 1) / stride + 1, ow = (w + 2 * padding - dilation * (kw - 1) - 1) / stride + 1;
        var expected = new double[n * cout * oh * ow];
        for (int b = 0; b < n; b++)
            for (int o = 0; o < cout; o++)
                for (int y = 0; y < oh; y++)
                    for (int z = 0; z < ow; z++)
                    {
                        double sum = bs[o];
                        int group = o / perGroupOut;
                        for (int c = 0; c < perGroupIn; c++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++)
                                {
                                    int row = y * stride - padding + i * dilation, col = z * stride - padding + j * dilation;
                                    if (row < 0 || row >= h || col < 0 || col >= w) continue;
                                    sum += ws[((o * perGroupIn + c) * kh + i) * kw + j] * xs[((b * cin + group * perGroupIn + c) * h + row) * w + col];
                                }
                        expected[((b * cout + o) * oh + y) * ow + z] = sum;
                    }
        TensorAssert.Close(Tensor.FromArray(expected, n, cout, oh, ow), actual, 1e-12, 1e-12, "Conv2d against the direct loop");
    }

    [Fact]
    public void NoGraphIsRecordedUnderNoGrad()
    {
        var layer = new Conv2d(1, 2, 3);
        Tensor output;
        using (Autograd.NoGrad()) output = F.MaxPool2d(layer.Forward(Tensor.Randn(1, 1, 6, 6)), 2);
        Assert.False(output.RequiresGrad);
        Assert.True(output.IsLeaf);
    }
}
