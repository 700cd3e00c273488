using Myelin.Backends.Cpu;

namespace Myelin.Tests.Kernels;

/// <summary>
/// The tests in this collection change process-wide kernel settings (thread count, vector
/// width), so they run alone, never beside other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KernelSettingsCollection
{
    public const string Name = "Kernel settings";
}

[Collection(KernelSettingsCollection.Name)]
public class GemmTests
{
    /// <summary>Vector widths this machine can run, widest first, scalar last.</summary>
    static int[] SupportedWidths() => new[] { 512, 256, 128, 0 }.Where(bits => bits <= SimdSettings.HardwareVectorBits).ToArray();

    public static TheoryData<int> Widths() => new(SupportedWidths());

    /// <summary>Runs <paramref name="body"/> with the given settings and restores the previous ones.</summary>
    static void With(int vectorBits, int threads, Action body)
    {
        int savedBits = SimdSettings.MaxVectorBits, savedThreads = Threading.MaxThreads;
        try
        {
            SimdSettings.MaxVectorBits = vectorBits;
            Threading.MaxThreads = threads;
            body();
        }
        finally
        {
            SimdSettings.MaxVectorBits = savedBits;
            Threading.MaxThreads = savedThreads;
        }
    }

    /// <summary>One problem: shapes, layout (transposes, padding of rows, offsets) and inputs.</summary>
    sealed class Problem
    {
        public readonly int M, N, K, Lda, Ldb, Ldc, AOffset, BOffset, COffset;
        public readonly bool TransA, TransB;
        public readonly double[] A, B, C0;

        public Problem(int m, int n, int k, bool transA, bool transB, int pad = 0, int offset = 0, bool exact = true)
        {
            M = m; N = n; K = k; TransA = transA; TransB = transB;
            Lda = (transA ? m : k) + pad;
            Ldb = (transB ? k : n) + pad;
            Ldc = n + pad;
            AOffset = offset; BOffset = 2 * offset; COffset = 3 * offset;
            var g = new Generator(1);
            A = Fill(g, AOffset + (transA ? k : m) * Lda, exact);
            B = Fill(g, BOffset + (transB ? n : k) * Ldb, exact);
            C0 = Fill(g, COffset + m * Ldc, exact);
        }

        // Exact values have few significant bits, so products and their sums are exact in
        // float too: any misplaced or missing term shows. Inexact values make the rounding
        // depend on the order of summation.
        static double[] Fill(Generator g, int length, bool exact)
        {
            var values = new double[length];
            for (int i = 0; i < length; i++)
            {
                double value = g.NextDouble() * 2 - 1;
                values[i] = exact ? Math.Round(value * 64) / 64 : value;
            }
            return values;
        }

        public double OpA(int i, int p) => TransA ? A[AOffset + p * Lda + i] : A[AOffset + i * Lda + p];
        public double OpB(int p, int j) => TransB ? B[BOffset + j * Ldb + p] : B[BOffset + p * Ldb + j];

        /// <summary>The triple loop in double precision: the expected full array C.</summary>
        public double[] Reference(bool accumulate)
        {
            var c = (double[])C0.Clone();
            for (int i = 0; i < M; i++)
                for (int j = 0; j < N; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < K; p++) sum += OpA(i, p) * OpB(p, j);
                    int at = COffset + i * Ldc + j;
                    c[at] = accumulate ? c[at] + sum : sum;
                }
            return c;
        }

        public float[] RunFloat(bool accumulate)
        {
            float[] a = ToFloat(A), b = ToFloat(B), c = ToFloat(C0);
            Gemm.Multiply(TransA, TransB, M, N, K, a, AOffset, Lda, b, BOffset, Ldb, c, COffset, Ldc, accumulate);
            return c;
        }

        public double[] RunDouble(bool accumulate)
        {
            double[] a = (double[])A.Clone(), b = (double[])B.Clone(), c = (double[])C0.Clone();
            Gemm.Multiply(TransA, TransB, M, N, K, a, AOffset, Lda, b, BOffset, Ldb, c, COffset, Ldc, accumulate);
            return c;
        }

        static float[] ToFloat(double[] values) => Array.ConvertAll(values, v => (float)v);
    }

    /// <summary>
    /// Compares every element of C, padding included (which must be left alone). Inputs are in
    /// [-1, 1], so a sum of k products is off by at most about k·eps·(its magnitude bound k).
    /// </summary>
    static void AssertClose(double[] expected, IReadOnlyList<double> actual, int k, double eps, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        double tolerance = 4 * eps * Math.Max(1, k) * Math.Sqrt(Math.Max(1, k)) + eps;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (!(error <= tolerance))
                Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]} (error {error:g3} > {tolerance:g3}).");
        }
    }

    static void CheckFloat(Problem problem, bool accumulate, string what)
        => AssertClose(problem.Reference(accumulate), Array.ConvertAll(problem.RunFloat(accumulate), v => (double)v),
            problem.K, 1.0 / (1 << 23), what);

    static void CheckDouble(Problem problem, bool accumulate, string what)
        => AssertClose(problem.Reference(accumulate), problem.RunDouble(accumulate), problem.K, Math.Pow(2, -52), what);

    // Tiny, single-row, few-row and larger shapes, so that every layout goes through both the
    // direct and the packed paths, with edge tiles and vector tails in both dimensions.
    static readonly (int M, int N, int K)[] OddShapes =
    [
        (1, 1, 1), (1, 7, 17), (7, 1, 17), (7, 17, 1), (17, 7, 255), (7, 255, 17),
        (1, 300, 255), (255, 1, 17), (13, 33, 7), (25, 65, 300), (37, 70, 513),
        (70, 45, 130), (130, 33, 70), (90, 3, 40),
    ];

    [Theory]
    [MemberData(nameof(Widths))]
    public void FloatMatchesReferenceForOddShapesAndAllLayouts(int vectorBits) => With(vectorBits, 1, () =>
    {
        foreach (var (m, n, k) in OddShapes)
            foreach (bool transA in new[] { false, true })
                foreach (bool transB in new[] { false, true })
                    foreach (var (pad, offset) in new[] { (0, 0), (3, 5) })
                        foreach (bool accumulate in new[] { false, true })
                        {
                            var problem = new Problem(m, n, k, transA, transB, pad, offset);
                            CheckFloat(problem, accumulate,
                                $"float {vectorBits}-bit {m}x{n}x{k} transA={transA} transB={transB} pad={pad} offset={offset} accumulate={accumulate}");
                        }
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public void DoubleMatchesReferenceForOddShapesAndAllLayouts(int vectorBits) => With(vectorBits, 1, () =>
    {
        foreach (var (m, n, k) in OddShapes)
            foreach (bool transA in new[] { false, true })
                foreach (bool transB in new[] { false, true })
                    foreach (bool accumulate in new[] { false, true })
                    {
                        var problem = new Problem(m, n, k, transA, transB, pad: 2, offset: 1);
                        CheckDouble(problem, accumulate,
                            $"double {vectorBits}-bit {m}x{n}x{k} transA={transA} transB={transB} accumulate={accumulate}");
                    }
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public void LargeProductMatchesReference(int vectorBits) => With(vectorBits, 2, () =>
    {
        // Several k slices, row blocks and column blocks, with edge tiles on every side.
        var problem = new Problem(301, 1023, 700, transA: false, transB: true, pad: 1, offset: 3, exact: false);
        CheckFloat(problem, accumulate: true, $"float {vectorBits}-bit 301x1023x700");
    });

    [Fact]
    public void ResultsAreIdenticalForOneAndTwoThreads()
    {
        foreach (int vectorBits in SupportedWidths())
            foreach (var (m, n, k) in new[] { (1, 1200, 900), (1, 256, 784), (3, 130, 200), (200, 260, 530), (500, 70, 300), (9, 600, 1100) })
                foreach (bool transA in new[] { false, true })
                    foreach (bool transB in new[] { false, true })
                    {
                        var problem = new Problem(m, n, k, transA, transB, pad: 1, offset: 2, exact: false);
                        float[] one = [], two = [];
                        double[] oneDouble = [], twoDouble = [];
                        With(vectorBits, 1, () => { one = problem.RunFloat(true); oneDouble = problem.RunDouble(false); });
                        With(vectorBits, 2, () => { two = problem.RunFloat(true); twoDouble = problem.RunDouble(false); });
                        string what = $"{vectorBits}-bit {m}x{n}x{k} transA={transA} transB={transB}";
                        Assert.True(one.AsSpan().SequenceEqual(two), $"float results differ between 1 and 2 threads: {what}");
                        Assert.True(oneDouble.AsSpan().SequenceEqual(twoDouble), $"double results differ between 1 and 2 threads: {what}");
                    }
    }

    [Fact]
    public void ZeroInnerDimensionWritesZerosOrLeavesC()
    {
        var c = new float[] { 1, 2, 3, 4, 5, 6, 7 };
        // 2×3 C with row stride 4 at offset 0: positions 3 and 7 (past the end) are padding.
        Gemm.Multiply(false, false, 2, 3, 0, [], 0, 1, [], 0, 3, c, 0, 4, accumulate: true);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6, 7 }, c);
        Gemm.Multiply(false, false, 2, 3, 0, [], 0, 1, [], 0, 3, c, 0, 4, accumulate: false);
        Assert.Equal(new float[] { 0, 0, 0, 4, 0, 0, 0 }, c);

        var d = new double[] { 1, 2 };
        Gemm.Multiply(true, true, 1, 2, 0, [], 0, 1, [], 0, 1, d, 0, 2, accumulate: false);
        Assert.Equal(new double[] { 0, 0 }, d);
    }

    [Fact]
    public void EmptyOutputTouchesNothing()
    {
        var a = new float[] { 1, 2, 3 };
        var c = new float[] { 9 };
        Gemm.Multiply(false, false, 0, 1, 3, a, 0, 3, a, 0, 1, c, 0, 1, accumulate: false);
        Gemm.Multiply(false, false, 1, 0, 3, a, 0, 3, a, 0, 1, c, 0, 1, accumulate: false);
        Assert.Equal(9, c[0]);
    }

    [Fact]
    public void SingleSampleThroughALayerMatchesReference()
    {
        // x[1×784] · Wᵀ with W stored [256×784], as in Linear, and x · W with W stored [784×256].
        foreach (bool transB in new[] { false, true })
            With(SimdSettings.HardwareVectorBits, Environment.ProcessorCount, () =>
                CheckFloat(new Problem(1, 256, 784, false, transB), false, $"1x256x784 transB={transB}"));
    }

    [Fact]
    public void ArgumentsThatWouldReadOutsideTheArraysAreRejected()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, a, 1, 3, b, 0, 2, c, 0, 2, false));
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, c, 1, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 2, 2, 3, a, 0, 2, b, 0, 2, c, 0, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, -1, 2, 3, a, 0, 3, b, 0, 2, c, 0, 2, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(false, false, 2, 2, 3, a, -1, 3, b, 0, 2, c, 0, 2, false));
    }

    [Fact]
    public void SettingsRejectInvalidValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Threading.MaxThreads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => SimdSettings.MaxVectorBits = 384);
        Assert.True(Threading.MaxThreads >= 1);
    }

    [Fact]
    public void ParallelForRunsEveryIndexOnceAndRethrows()
    {
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = 4;
            var hits = new int[1000];
            Threading.ParallelFor(hits.Length, i => Interlocked.Increment(ref hits[i]));
            Assert.All(hits, h => Assert.Equal(1, h));

            var error = Assert.Throws<InvalidOperationException>(() =>
                Threading.ParallelFor(100, i => { if (i == 57) throw new InvalidOperationException("item 57"); }));
            Assert.Equal("item 57", error.Message);
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
    }

    [Fact]
    public void ParallelForRunsItemZeroOnTheCallingThread()
    {
        // The caller keeps the first part of a split product, so that part stays in its cache.
        int saved = Threading.MaxThreads;
        try
        {
            Threading.MaxThreads = 2;
            int caller = Environment.CurrentManagedThreadId;
            for (int round = 0; round < 200; round++)
            {
                int count = 2 + round % 7;
                var ranOn = new int[count];
                Threading.ParallelFor(count, i =>
                {
                    ranOn[i] = Environment.CurrentManagedThreadId;
                    if (i == 0) Thread.SpinWait(200);
                });
                Assert.Equal(caller, ranOn[0]);
                Assert.All(ranOn, id => Assert.NotEqual(0, id));
            }
        }
        finally
        {
            Threading.MaxThreads = saved;
        }
    }
}
