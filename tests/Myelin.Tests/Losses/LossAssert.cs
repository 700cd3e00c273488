namespace Myelin.Tests.Losses;

internal static class LossAssert
{
    /// <summary>Elementwise |expected − actual| ≤ atol + rtol·|expected|, with matching shapes.</summary>
    public static void Close(Tensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape [{string.Join(", ", actual.Shape)}] but expected [{string.Join(", ", expected.Shape)}]");
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= atol + rtol * Math.Abs(e[i]), $"{what}[{i}]: expected {e[i]:G9}, got {a[i]:G9}");
    }

    public static void Close(double expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(0, actual.Rank);
        double a = actual.Item();
        Assert.True(Math.Abs(expected - a) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:G9}, got {a:G9}");
    }

    public static void AllFinite(Tensor t, string what) => Assert.True(t.AllFinite(), $"{what} is not finite: {t}");
}
