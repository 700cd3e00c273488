using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Sequence;

public class AttentionTests
{
    static Tensor Randn(int seed, params int[] shape) => Tensor.Randn(shape, new Generator((ulong)seed), DType.Float64);

    [Fact]
    public void ScaledDotProductAttentionIsSoftmaxOfScaledScoresTimesValues()
    {
        var q = Randn(1, 2, 3, 4);
        var k = Randn(2, 2, 5, 4);
        var v = Randn(3, 2, 5, 6);
        var (output, weights) = F.ScaledDotProductAttentionWithWeights(q, k, v);
        var expectedWeights = (q.MatMul(k.MT) / 2).Softmax(-1);   // √4 = 2
        TensorAssert.Close(expectedWeights, weights, 1e-12, 1e-12, "weights");
        TensorAssert.Close(expectedWeights.MatMul(v), output, 1e-12, 1e-12, "output");
        TensorAssert.Close(((q.MatMul(k.MT) * 0.1).Softmax(-1)).MatMul(v), F.ScaledDotProductAttention(q, k, v, scale: 0.1), 1e-12, 1e-12, "scale");
    }

    [Fact]
    public void CausalAttentionEqualsAnExplicitMaskAndIgnoresTheFuture()
    {
        var q = Randn(4, 4, 3);
        var k = Randn(5, 4, 3);
        var v = Randn(6, 4, 2);
        var causal = F.ScaledDotProductAttention(q, k, v, isCausal: true);
        TensorAssert.Close(F.ScaledDotProductAttention(q, k, v, F.CausalMask(4)), causal, 1e-12, 1e-12, "explicit mask");
        var additive = Tensor.Zeros([4, 4], DType.Float64).MaskedFill(F.CausalMask(4), double.NegativeInfinity);
        TensorAssert.Close(F.ScaledDotProductAttention(q, k, v, additive), causal, 1e-12, 1e-12, "additive −∞ mask");

        // Changing the last key and value changes only the last query's output.
        var k2 = Tensor.Cat([k.Narrow(0, 0, 3), Randn(7, 1, 3)], 0);
        var v2 = Tensor.Cat([v.Narrow(0, 0, 3), Randn(8, 1, 2)], 0);
        var changed = F.ScaledDotProductAttention(q, k2, v2, isCausal: true);
        TensorAssert.Close(causal.Narrow(0, 0, 3), changed.Narrow(0, 0, 3), 1e-12, 1e-12, "earlier positions");
        Assert.NotEqual(causal[3].ToArray<double>(), changed[3].ToArray<double>());
        Assert.Equal(new bool[] { false, true, true, false, false, true }, F.CausalMask(2, 3).ToArray<bool>());
    }

    [Fact]
    public void FullyMaskedQueryGetsZerosNotNaN()
    {
        var mask = Tensor.FromArray(new[,] { { true, true }, { false, true } });
        var (output, weights) = F.ScaledDotProductAttentionWithWeights(Randn(9, 2, 3), Randn(10, 2, 3), Randn(11, 2, 3), mask);
        Assert.Equal(new double[] { 0, 0, 1, 0 }, weights.ToArray<double>());
        Assert.Equal(new double[] { 0, 0, 0 }, output[0].ToArray<double>());
        Assert.True(output.AllFinite());
    }

    [Fact]
    public void DropoutOnTheWeightsIsSeeded()
    {
        var q = Randn(12, 3, 4);
        var a = F.ScaledDotProductAttentionWithWeights(q, q, q, dropout: 0.5, generator: new Generator(1)).Weights.ToArray<double>();
        var b = F.ScaledDotProductAttentionWithWeights(q, q, q, dropout: 0.5, generator: new Generator(1)).Weights.ToArray<double>();
        Assert.Equal(a, b);
        Assert.Contains(0.0, a);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.ScaledDotProductAttention(q, q, q, dropout: 1));
    }

    [Fact]
    public void ScaledDotProductAttentionRejectsMismatchedShapes()
    {
        var q = Randn(13, 2, 3, 4);
        var error = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, Randn(14, 2, 5, 3), Randn(15, 2, 5, 4)));
        Assert.Contains("ScaledDotProductAttention", error.Message);
        Assert.Contains("[2, 5, 3]", error.Message);
        Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, q, Randn(16, 2, 4, 4)));
        var maskError = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, q, q, Tensor.Zeros([3, 2], DType.Bool)));
        Assert.Contains("attnMask of shape [3, 2]", maskError.Message);
        Assert.Contains("[2, 3, 3]", maskError.Message);
        Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, q, q, Tensor.Zeros([3, 3], DType.Int64)));
    }

    [Fact]
    public void MultiheadAttentionHasPyTorchsParameters()
    {
        var attention = new MultiheadAttention(8, 2);
        Assert.Equal(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], attention.StateDict().Keys);
        Assert.Equal([24, 8], attention.InProjWeight.Shape.ToArray());
        Assert.All(attention.InProjBias!.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(attention.OutProj.Bias!.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal(["in_proj_weight", "out_proj.weight"], new MultiheadAttention(8, 2, bias: false).StateDict().Keys);
        Assert.Equal(4, attention.HeadDim);
        Assert.Equal("MultiheadAttention(\n  (out_proj): Linear(in_features=8, out_features=8, bias=True)\n)", attention.ToString());
    }

    [Fact]
    public void OneHeadWithIdentityProjectionsIsPlainAttention()
    {
        var attention = new MultiheadAttention(4, 1, dtype: DType.Float64);
        using (Autograd.NoGrad())
        {
            attention.InProjWeight.CopyFrom(Tensor.Cat([Tensor.Eye(4, dtype: DType.Float64), Tensor.Eye(4, dtype: DType.Float64), Tensor.Eye(4, dtype: DType.Float64)], 0));
            attention.OutProj.Weight.CopyFrom(Tensor.Eye(4, dtype: DType.Float64));
        }
        var x = Randn(17, 3, 2, 4);
        var (output, weights) = attention.Forward(x, x, x);
        var batchFirst = x.Transpose(0, 1);
        var (expected, expectedWeights) = F.ScaledDotProductAttentionWithWeights(batchFirst, batchFirst, batchFirst);
        TensorAssert.Close(expected.Transpose(0, 1), output, 1e-12, 1e-12, "output");
        TensorAssert.Close(expectedWeights, weights, 1e-12, 1e-12, "weights");
    }

    [Fact]
    public void WeightsAreAveragedOrPerHeadAndRowsSumToOne()
    {
        var attention = new MultiheadAttention(8, 4, batchFirst: true, generator: new Generator(2));
        var q = Tensor.Randn([2, 3, 8], new Generator(3));
        var kv = Tensor.Randn([2, 5, 8], new Generator(4));
        var (output, averaged) = attention.Forward(q, kv, kv);
        Assert.Equal([2, 3, 8], output.Shape.ToArray());
        Assert.Equal([2, 3, 5], averaged!.Shape.ToArray());
        var (_, perHead) = attention.Forward(q, kv, kv, averageAttnWeights: false);
        Assert.Equal([2, 4, 3, 5], perHead!.Shape.ToArray());
        TensorAssert.Close(perHead.Mean(1), averaged, 1e-6, 1e-7, "average of the heads");
        Assert.All(averaged.Sum(-1).ToArray(), s => Assert.Equal(1f, s, 5));
        Assert.Null(attention.Forward(q, kv, kv, needWeights: false).Weights);
    }

    [Fact]
    public void PaddedKeysAreIgnored()
    {
        var attention = new MultiheadAttention(4, 2, generator: new Generator(5));
        var q = Tensor.Randn([2, 1, 4], new Generator(6));
        var kv = Tensor.Randn([3, 1, 4], new Generator(7));
        var padding = Tensor.FromArray(new[,] { { false, false, true } });
        var (output, weights) = attention.Forward(q, kv, kv, padding);
        Assert.All(weights!.Select(2, 2).ToArray(), w => Assert.Equal(0f, w));
        var otherPad = Tensor.Cat([kv.Narrow(0, 0, 2), Tensor.Randn([1, 1, 4], new Generator(8)) * 100], 0);
        TensorAssert.Close(output, attention.Forward(q, otherPad, otherPad, padding).Output, 1e-6, 1e-7, "output with different padding values");
        // Float masks: −∞ padding gives the same result as Bool padding.
        var additive = Tensor.FromArray(new[,] { { 0f, 0f, float.NegativeInfinity } });
        TensorAssert.Close(output, attention.Forward(q, kv, kv, additive).Output, 1e-6, 1e-7, "float key padding mask");
    }

    [Fact]
    public void UnbatchedInputsWork()
    {
        var attention = new MultiheadAttention(4, 2, generator: new Generator(9));
        var x = Tensor.Randn([3, 4], new Generator(10));
        var (output, weights) = attention.Forward(x, x, x, Tensor.FromArray(new[] { false, false, true }), isCausal: true);
        Assert.Equal([3, 4], output.Shape.ToArray());
        Assert.Equal([3, 3], weights!.Shape.ToArray());
        var (batched, _) = attention.Forward(x.Unsqueeze(1), x.Unsqueeze(1), x.Unsqueeze(1), Tensor.FromArray(new[,] { { false, false, true } }), isCausal: true);
        TensorAssert.Close(batched.Squeeze(1), output, 1e-6, 1e-7, "unbatched");
    }

    [Fact]
    public void EmbedDimNotDivisibleByHeadsIsAnError()
    {
        var error = Assert.Throws<ArgumentException>(() => new MultiheadAttention(10, 3));
        Assert.Contains("embed_dim (10) must be divisible by num_heads (3)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(8, 2, dropout: -0.1));
    }

    [Fact]
    public void MaskShapeMismatchesAreErrorsNamingTheMask()
    {
        var attention = new MultiheadAttention(4, 2);
        var x = Tensor.Zeros(3, 2, 4);
        var error = Assert.Throws<ArgumentException>(() => attention.Forward(x, x, x, attnMask: Tensor.Zeros([3, 4], DType.Bool)));
        Assert.Contains("MultiheadAttention(embed_dim=4, num_heads=2)", error.Message);
        Assert.Contains("attn_mask of shape [3, 3]", error.Message);
        Assert.Contains("[4, 3, 3]", error.Message);
        Assert.Contains("got [3, 4]", error.Message);
        var paddingError = Assert.Throws<ArgumentException>(() => attention.Forward(x, x, x, Tensor.Zeros([3, 2], DType.Bool)));
        Assert.Contains("key_padding_mask of shape [2, 3]", paddingError.Message);
        Assert.Throws<ArgumentException>(() => attention.Forward(x, x, x, attnMask: Tensor.Zeros([3, 3], DType.Int64)));
    }

    [Fact]
    public void InputShapeMismatchesAreErrors()
    {
        var attention = new MultiheadAttention(4, 2);
        var error = Assert.Throws<ArgumentException>(() => attention.Forward(Tensor.Zeros(3, 2, 5)));
        Assert.Contains("E = 4", error.Message);
        Assert.Contains("[3, 2, 5]", error.Message);
        var q = Tensor.Zeros(3, 2, 4);
        Assert.Throws<ArgumentException>(() => attention.Forward(q, Tensor.Zeros(5, 2, 4), Tensor.Zeros(6, 2, 4)));
        Assert.Throws<ArgumentException>(() => attention.Forward(q, Tensor.Zeros(5, 3, 4), Tensor.Zeros(5, 3, 4)));
        Assert.Throws<ArgumentException>(() => attention.Forward(q, Tensor.Zeros(5, 4), Tensor.Zeros(5, 4)));
    }
}
