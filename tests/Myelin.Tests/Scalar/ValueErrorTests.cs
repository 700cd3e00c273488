using Myelin.Scalar;

namespace Myelin.Tests.Scalar;

/// <summary>Invalid math throws an exception naming the operation and the value, never a silent NaN.</summary>
public class ValueErrorTests
{
    [Fact]
    public void LogOfZeroThrows()
    {
        var x = new Value(0.0, "x");
        var error = Assert.Throws<ArgumentException>(() => x.Log());
        Assert.Contains("Log", error.Message);
        Assert.Contains("x = 0", error.Message);
    }

    [Fact]
    public void LogOfNegativeThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => new Value(-2.5).Log());
        Assert.Contains("-2.5", error.Message);
    }

    [Fact]
    public void DivisionByZeroThrows()
    {
        var one = new Value(1.0, "one");
        var zero = new Value(0.0, "z");
        var error = Assert.Throws<DivideByZeroException>(() => one / zero);
        Assert.Contains("Division", error.Message);
        Assert.Contains("z = 0", error.Message);
        Assert.Throws<DivideByZeroException>(() => one / 0.0);
        Assert.Throws<DivideByZeroException>(() => 1.0 / zero);
    }

    [Fact]
    public void NegativeBaseWithNonIntegerExponentThrows()
    {
        var error = Assert.Throws<ArgumentException>(() => new Value(-4.0, "x").Pow(0.5));
        Assert.Contains("Pow", error.Message);
        Assert.Contains("x = -4", error.Message);
        Assert.Equal(-64.0, new Value(-4.0).Pow(3).Data);   // an integer exponent is fine
    }

    [Fact]
    public void ZeroToANegativePowerThrows()
    {
        Assert.Throws<DivideByZeroException>(() => new Value(0.0).Pow(-1));
    }

    [Fact]
    public void NonFiniteExponentThrows()
    {
        Assert.Throws<ArgumentException>(() => new Value(2.0).Pow(double.NaN));
        Assert.Throws<ArgumentException>(() => new Value(2.0).Pow(double.PositiveInfinity));
    }

    [Fact]
    public void InfiniteDerivativeThrowsDuringBackward()
    {
        // √x is 0 at x = 0, but its slope 1/(2√x) is infinite there.
        var x = new Value(0.0, "x");
        Value root = x.Pow(0.5);
        Assert.Equal(0.0, root.Data);
        var error = Assert.Throws<ArithmeticException>(root.Backward);
        Assert.Contains("Pow", error.Message);
    }

    [Fact]
    public void OverflowThrows()
    {
        var error = Assert.Throws<OverflowException>(() => new Value(1000.0, "x").Exp());
        Assert.Contains("exp", error.Message);
        Assert.Contains("x = 1000", error.Message);
        Assert.Throws<OverflowException>(() => new Value(1e200) * new Value(1e200));
    }

    [Fact]
    public void NonFiniteDataIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new Value(double.NaN));
        Assert.Throws<ArgumentException>(() => new Value(double.PositiveInfinity));
        var x = new Value(1.0, "x");
        var error = Assert.Throws<ArgumentException>(() => x.Data = double.NaN);
        Assert.Contains("'x'", error.Message);
    }
}
