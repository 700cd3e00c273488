namespace Myelin.Tests.Core;

public class TensorTests
{
    [Fact]
    public void FromArrayWithShapeAndNestedArrays()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new[] { 2, 3 }, a.Shape.ToArray());
        Assert.Equal(DType.Float32, a.DType);
        var b = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new[] { 2, 3 }, b.Shape.ToArray());
        Assert.Equal(DType.Float64, b.DType);
        Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
        var c = Tensor.FromArray(new long[,,] { { { 1 }, { 2 } } });
        Assert.Equal(new[] { 1, 2, 1 }, c.Shape.ToArray());
        Assert.Equal(DType.Int64, c.DType);
        Assert.Equal(new[] { 3 }, Tensor.FromArray(new[] { 1f, 2f, 3f }).Shape.ToArray());
    }

    [Fact]
    public void FromArrayCopiesItsInput()
    {
        var data = new float[] { 1, 2 };
        var t = Tensor.FromArray(data);
        data[0] = 99;
        Assert.Equal(1f, t.ToArray()[0]);
    }

    [Fact]
    public void FromArrayRejectsWrongLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 3));
        Assert.Contains("[2, 3]", ex.Message);
    }

    [Fact]
    public void Factories()
    {
        Assert.Equal(new float[] { 0, 0, 0, 0 }, Tensor.Zeros(2, 2).ToArray());
        Assert.Equal(new float[] { 1, 1 }, Tensor.Ones(2).ToArray());
        Assert.Equal(new[] { 7.5, 7.5 }, Tensor.Full([2], 7.5, DType.Float64).ToArray<double>());
        Assert.Equal(new long[] { 0, 1, 2, 3 }, Tensor.Arange(4).ToArray<long>());
        Assert.Equal(DType.Float32, Tensor.Arange(0, 1, 0.25).DType);
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f }, Tensor.Arange(0, 1, 0.25).ToArray());
        Assert.Equal(new float[] { 0, 0.5f, 1 }, Tensor.Linspace(0, 1, 3).ToArray());
        Assert.Equal(new float[] { 1, 0, 0, 1 }, Tensor.Eye(2).ToArray());
        Assert.Equal(new float[] { 1, 0, 0, 0, 1, 0 }, Tensor.Eye(2, 3).ToArray());
        Assert.Equal(DType.Int64, Tensor.ZerosLike(Tensor.Arange(3)).DType);
        Assert.Equal(0, Tensor.Scalar(5).Rank);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 5, -1));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(-1, 2));
    }

    [Fact]
    public void RandomFactoriesAreReproducibleAndInRange()
    {
        var a = Tensor.Randn([1000], new Generator(5));
        var b = Tensor.Randn([1000], new Generator(5));
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.NotEqual(a.ToArray(), Tensor.Randn([1000], new Generator(6)).ToArray());
        Assert.InRange(a.Mean().Item(), -0.1, 0.1);
        Assert.InRange(a.Std().Item(), 0.9, 1.1);
        var u = Tensor.Uniform([1000], -2, 3, new Generator(1));
        Assert.True(u.Min().Item() >= -2 && u.Max().Item() < 3);
        var ints = Tensor.RandInt(2, 5, [1000], new Generator(1));
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(2, ints.Min().Item());
        Assert.Equal(4, ints.Max().Item());
        var coin = Tensor.Bernoulli([2000], 0.25, new Generator(3));
        Assert.InRange(coin.Mean().Item(), 0.2, 0.3);
        Assert.Throws<ArgumentException>(() => Tensor.Bernoulli(Tensor.FromArray(new[] { 0.5f, 1.5f })));
        Generator.ManualSeed(11);
        var first = Tensor.Rand(3).ToArray();
        Generator.ManualSeed(11);
        Assert.Equal(first, Tensor.Rand(3).ToArray());
    }

    [Fact]
    public void ViewsShareStorage()
    {
        var t = Tensor.Arange(0, 12, 1, DType.Float32).Reshape(3, 4);
        var views = new[] { t.Reshape(4, 3), t.Transpose(0, 1), t.T, t.Slice(1, 0, 4, 2), t.Narrow(0, 1, 2), t.Select(1, 2),
            t.Unsqueeze(0), t.Reshape(3, 1, 4).Squeeze(), t.Flatten(), t[1], t.Narrow(1, 0, 1).Expand(3, 5), t.Permute(1, 0) };
        foreach (var v in views) Assert.Same(t.storage, v.storage);
        Assert.False(t.T.IsContiguous);
        Assert.Equal(new float[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, t.T.ToArray());
        Assert.Equal(new float[] { 4, 5, 6, 7 }, t[1].ToArray());
        Assert.Equal(new float[] { 2, 6, 10 }, t.Select(1, 2).ToArray());
        Assert.Equal(new float[] { 0, 2, 4, 6, 8, 10 }, t.Slice(1, 0, 4, 2).ToArray());
        Assert.Equal(new[] { 3, 5 }, t.Narrow(1, 0, 1).Expand(3, 5).Shape.ToArray());
        Assert.Equal(0, t.Narrow(1, 0, 1).Expand(3, 5).Strides[1]);
    }

    [Fact]
    public void ReshapeOfTransposedCopiesWhenItMust()
    {
        var t = Tensor.Arange(0, 6, 1, DType.Float32).Reshape(2, 3);
        var flat = t.T.Reshape(-1);
        Assert.NotSame(t.storage, flat.storage);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, flat.ToArray());
        Assert.Throws<InvalidOperationException>(() => t.T.View(-1));
        // A block of whole rows is still viewable, and so is splitting a transposed dimension.
        var rows = Tensor.Zeros(4, 6);
        Assert.Same(rows.storage, rows.Narrow(0, 1, 2).Reshape(2, 2, 3).storage);
        Assert.Same(t.storage, t.T.Reshape(3, 2, 1).storage);
    }

    [Fact]
    public void CatStackSplitChunkPad()
    {
        var a = Tensor.FromArray(new float[] { 1, 2 }, 1, 2);
        var b = Tensor.FromArray(new float[] { 3, 4, 5, 6 }, 2, 2);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, Tensor.Cat([a, b]).ToArray());
        Assert.Equal(new[] { 2, 1, 2 }, Tensor.Stack([a, a]).Shape.ToArray());
        var pieces = Tensor.Arange(0, 5, 1, DType.Float32).Split(2);
        Assert.Equal(3, pieces.Length);
        Assert.Equal(new float[] { 4 }, pieces[2].ToArray());
        Assert.Equal(3, Tensor.Arange(0, 6, 1, DType.Float32).Chunk(3).Length);
        Assert.Equal(new float[] { 0, 1, 2, 0 }, Tensor.FromArray(new float[] { 1, 2 }).Pad([1, 1]).ToArray());
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Cat([a, Tensor.Zeros(2, 3)]));
        Assert.Contains("[1, 2]", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Stack([a, b]));
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 5, 1, DType.Float32).Split([2, 2]));
    }

    [Fact]
    public void ConversionsAndItem()
    {
        var t = Tensor.FromArray(new float[] { 1.7f, -2.2f, 0 });
        Assert.Equal(new long[] { 1, -2, 0 }, t.To(DType.Int64).ToArray<long>());
        Assert.Equal(new[] { true, true, false }, t.To(DType.Bool).ToArray<bool>());
        Assert.Equal(new[] { 1.7f, -2.2f, 0f }, t.To(DType.Float64).To(DType.Float32).ToArray());
        Assert.Equal(1.7f, (float)t[0].Item(), 6);
        Assert.Equal(3, Tensor.Arange(4)[3].Item<long>());
        var ex = Assert.Throws<InvalidOperationException>(() => t.Item());
        Assert.Contains("[3]", ex.Message);
    }

    [Fact]
    public void IntegerAndBoolArithmetic()
    {
        var i = Tensor.FromArray(new long[] { 1, 2, 3 });
        Assert.Equal(DType.Int64, (i + 1).DType);
        Assert.Equal(new long[] { 2, 3, 4 }, (i + 1).ToArray<long>());
        Assert.Equal(DType.Float32, (i / 2).DType);
        Assert.Equal(new float[] { 0.5f, 1, 1.5f }, (i / 2).ToArray());
        Assert.Equal(DType.Float32, (i * 0.5).DType);
        Assert.Equal(DType.Float32, (i + Tensor.Ones(3)).DType);
        Assert.Equal(6L, i.Sum().Item<long>());
        Assert.Equal(DType.Int64, i.Gt(1).Sum().DType);
        Assert.Equal(2L, i.Gt(1).Sum().Item<long>());
        var ex = Assert.Throws<ArgumentException>(() => i.Gt(1) + i.Gt(2));
        Assert.Contains("Bool", ex.Message);
        Assert.Equal(new[] { false, true, false }, i.Gt(1).LogicalAnd(i.Lt(3)).ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, i.Gt(1).LogicalNot().ToArray<bool>());
    }

    [Fact]
    public void ComparisonsWhereClamp()
    {
        var x = Tensor.FromArray(new float[] { -2, 0, 3 });
        Assert.Equal(new[] { false, false, true }, (x > 0).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, (x <= 0).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, x.Eq(0).ToArray<bool>());
        Assert.Equal(new float[] { 0, 0, 3 }, Tensor.Where(x > 0, x, 0).ToArray());
        Assert.Equal(new float[] { -1, 0, 1 }, x.Clamp(-1, 1).ToArray());
        Assert.Equal(new float[] { -2, 0, 1 }, x.Clamp(max: 1).ToArray());
        Assert.Throws<ArgumentException>(() => x.Clamp(2, 1));
        Assert.Throws<ArgumentException>(() => Tensor.Where(x, x, x));
    }

    [Fact]
    public void ReductionsKeepDimAndArgMax()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 5, 3 }, { 4, 2, 6 } });
        Assert.Equal(new float[] { 5, 7, 9 }, t.Sum(0).ToArray());
        Assert.Equal(new[] { 2, 1 }, t.Sum(1, keepDim: true).Shape.ToArray());
        Assert.Equal(new long[] { 1, 2 }, t.ArgMax(1).ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 0 }, t.ArgMin(0).ToArray<long>());
        Assert.Equal(5L, t.ArgMax().Item<long>());
        Assert.Equal(new float[] { 5, 6 }, t.Max(1).ToArray());
        Assert.Equal(3.5, t.Mean().Item(), 6);
        Assert.Equal(new float[] { 3, 4 }, t.Mean(1).ToArray());
        Assert.Equal(0f, Tensor.Zeros(0, 3).Sum().Item<float>());
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(0, 3).Max(0));
        Assert.Contains("size 0", ex.Message);
    }

    [Fact]
    public void SoftmaxIsStableForLargeInputs()
    {
        var p = Tensor.FromArray(new float[] { 1000, 1001 }).Softmax(0).ToArray();
        Assert.Equal(1 / (1 + Math.E), p[0], 5);
        Assert.Equal(Math.E / (1 + Math.E), p[1], 5);
        var logp = Tensor.FromArray(new float[] { 1000, 1001 }).LogSoftmax(0).ToArray();
        Assert.All(logp, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(-Math.Log(1 + Math.E), logp[0], 4);
        Assert.Equal(1001 + Math.Log(1 + Math.Exp(-1)), Tensor.FromArray(new float[] { 1000, 1001 }).LogSumExp().Item(), 3);
        Assert.Equal(double.NegativeInfinity, Tensor.Full([3], double.NegativeInfinity).LogSumExp().Item());
    }

    [Fact]
    public void OneHotAndIndexing()
    {
        var labels = Tensor.FromArray(new long[] { 2, 0 });
        Assert.Equal(new float[] { 0, 0, 1, 1, 0, 0 }, labels.OneHot(3).ToArray());
        Assert.Equal(DType.Int64, labels.OneHot(3, DType.Int64).DType);
        Assert.Throws<ArgumentException>(() => labels.OneHot(2));
        var table = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Assert.Equal(new float[] { 5, 6, 1, 2 }, table.IndexSelect(0, labels).ToArray());
        Assert.Throws<IndexOutOfRangeException>(() => table.IndexSelect(0, Tensor.FromArray(new long[] { 3 })));
        Assert.Throws<IndexOutOfRangeException>(() => table.Gather(1, Tensor.FromArray(new long[,] { { 2 }, { 0 }, { 0 } })));
        Assert.Throws<ArgumentException>(() => table.Gather(1, Tensor.FromArray(new float[,] { { 0 }, { 0 }, { 0 } })));
    }

    [Fact]
    public void MatMulMatchesNaiveProductForOddSizesAndTransposedViews()
    {
        var g = new Generator(9);
        foreach (var (m, k, n) in new[] { (1, 1, 1), (7, 17, 5), (33, 64, 17), (65, 31, 129) })
        {
            var a = Tensor.Randn([m, k], g);
            var bt = Tensor.Randn([n, k], g);
            var b = bt.T; // a transposed view, used without a copy
            var c = a.MatMul(b).ToArray<double>();
            var av = a.ToArray<double>();
            var bv = b.ToArray<double>();
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += av[i * k + p] * bv[p * n + j];
                    Assert.True(Math.Abs(s - c[i * n + j]) < 1e-4, $"[{m}x{k}]·[{k}x{n}] at ({i}, {j}): {c[i * n + j]} vs {s}");
                }
        }
    }

    [Fact]
    public void MatMulWithEmptyInnerDimensionGivesZeros()
    {
        var garbage = Tensor.Full([3, 4], 7).MatMul(Tensor.Ones(4, 4)); // leave non-zero memory behind
        Assert.Equal(new float[12], Tensor.Zeros(3, 0).MatMul(Tensor.Zeros(0, 4)).ToArray());
        Assert.Equal(28f, garbage.ToArray()[0]);
    }

    [Fact]
    public void ErrorsNameTheOpAndShapes()
    {
        var ex1 = Assert.Throws<ArgumentException>(() => Tensor.Zeros(64, 784).MatMul(Tensor.Zeros(128, 10)));
        Assert.Equal("MatMul: cannot multiply [64, 784] by [128, 10] (784 ≠ 128).", ex1.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("Add", ex2.Message);
        Assert.Contains("[2, 3]", ex2.Message);
        Assert.Contains("[4]", ex2.Message);
        var ex3 = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, 2));
        Assert.Contains("Reshape", ex3.Message);
        Assert.Contains("[4, 2]", ex3.Message);
        var ex4 = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Sum(2));
        Assert.Contains("Sum: axis 2 is out of range", ex4.Message);
        var ex5 = Assert.Throws<ArgumentException>(() => Tensor.Arange(3).Exp());
        Assert.Contains("Exp", ex5.Message);
        Assert.Contains("Int64", ex5.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Permute(0, 0));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Expand(4, 3));
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(-1, -1));
        Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(2, 3)[5]);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(3).MatMul(Tensor.Arange(3)));
    }

    [Fact]
    public void ToStringShowsValuesShapeAndDtype()
    {
        var s = Tensor.FromArray(new float[] { 1.5f, 2, 3, 4 }, 2, 2).ToString();
        Assert.Contains("[[1.5000, 2.0000],", s);
        Assert.Contains("shape=[2, 2]", s);
        Assert.DoesNotContain("dtype", s);
        Assert.Contains("dtype=Int64", Tensor.Arange(3).ToString());
        var big = Tensor.Zeros(100, 100).ToString();
        Assert.Contains("...", big);
        Assert.True(big.Length < 2000);
        Assert.Contains("grad_fn=Mul", (Tensor.Ones(1).RequireGrad() * 2).ToString());
    }

    [Fact]
    public void InPlaceOperations()
    {
        var t = Tensor.Zeros(2, 2);
        t.Fill(3);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, t.ToArray());
        t.T.Narrow(0, 0, 1).Fill(1); // writes through a strided view: first column
        Assert.Equal(new float[] { 1, 3, 1, 3 }, t.ToArray());
        t.CopyFrom(Tensor.FromArray(new float[] { 5, 6 }));
        Assert.Equal(new float[] { 5, 6, 5, 6 }, t.ToArray());
        t.AddInPlace(Tensor.Ones(2, 2), 2).MulInPlace(0.5);
        Assert.Equal(new float[] { 3.5f, 4, 3.5f, 4 }, t.ToArray());
        Assert.Throws<ArgumentException>(() => t.CopyFrom(Tensor.Ones(3)));
        Assert.Throws<InvalidOperationException>(() => Tensor.Ones(1).Expand(3).Fill(2));
    }

    [Fact]
    public void OpsOnTwoBroadcastOperandsFillTheOutput()
    {
        // Both operands broadcast along every dimension (an expanded scalar, as a sum's gradient arrives).
        var expanded = Tensor.Scalar(3f).Expand(4, 5);
        var two = Tensor.Scalar(2f).Expand(4, 5);
        Assert.All((expanded * 2).ToArray<float>(), v => Assert.Equal(6f, v));
        Assert.All((expanded - two).ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.All((expanded / two).ToArray<float>(), v => Assert.Equal(1.5f, v));
        Assert.All(Tensor.Maximum(expanded, two).ToArray<float>(), v => Assert.Equal(3f, v));
        Assert.All(expanded.Pow(two).ToArray<float>(), v => Assert.Equal(9f, v));

        var accumulator = Tensor.Ones([4, 5]);
        accumulator.AddInPlace(expanded, alpha: 0.5);
        Assert.All(accumulator.ToArray<float>(), v => Assert.Equal(2.5f, v));

        var leaf = Tensor.Randn([4, 5], new Generator(3)).RequireGrad();
        leaf.Sum().Backward();
        leaf.Sum().Backward();
        Assert.All(leaf.Grad!.ToArray<float>(), v => Assert.Equal(2f, v));
    }
}
