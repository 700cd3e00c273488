namespace Myelin.Tests.NN;

/// <summary>Elementwise comparisons with a message naming the element and both values.</summary>
public static class TensorAssert
{
    /// <summary>Asserts equal shapes and |actual − expected| ≤ atol + rtol·|expected| everywhere.</summary>
    public static void Close(Tensor expected, Tensor? actual, double rtol, double atol, string what)
    {
        Assert.NotNull(actual);
        Assert.True(expected.Shape.SequenceEqual(actual!.Shape),
            $"{what}: shape [{string.Join(", ", actual.Shape)}], expected [{string.Join(", ", expected.Shape)}]");
        var e = expected.ToArray<double>();
        var a = actual.ToArray<double>();
        for (int i = 0; i < e.Length; i++)
        {
            double allowed = atol + rtol * Math.Abs(e[i]);
            Assert.True(Math.Abs(a[i] - e[i]) <= allowed,
                $"{what}: element {i} is {a[i]:G9}, expected {e[i]:G9} (difference {Math.Abs(a[i] - e[i]):G3}, allowed {allowed:G3})");
        }
    }

    /// <summary>Asserts identical shapes and values.</summary>
    public static void Equal(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal(expected.ToArray<double>(), actual.ToArray<double>());
    }
}
