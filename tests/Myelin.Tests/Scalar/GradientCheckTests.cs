using Myelin.Scalar;

namespace Myelin.Tests.Scalar;

/// <summary>
/// Every operation's backward rule against a central finite difference,
/// f'(x) ≈ (f(x + h) − f(x − h)) / 2h, whose error shrinks like h².
/// </summary>
public class GradientCheckTests
{
    const double Step = 1e-6;

    static Value Unary(string op, Value x) => op switch
    {
        "neg" => -x,
        "exp" => x.Exp(),
        "log" => x.Log(),
        "tanh" => x.Tanh(),
        "relu" => x.Relu(),
        "sigmoid" => x.Sigmoid(),
        "^2" => x.Pow(2),
        "^3" => x.Pow(3),
        "^-1" => x.Pow(-1),
        "^0.5" => x.Pow(0.5),
        "^-1.5" => x.Pow(-1.5),
        "+3" => x + 3.0,
        "3-" => 3.0 - x,
        "*3" => 3.0 * x,
        "3/" => 3.0 / x,
        _ => throw new ArgumentException(op),
    };

    static Value Binary(string op, Value a, Value b) => op switch
    {
        "+" => a + b,
        "-" => a - b,
        "*" => a * b,
        "/" => a / b,
        _ => throw new ArgumentException(op),
    };

    [Theory]
    [InlineData("neg", 0.7)]
    [InlineData("exp", -1.3)]
    [InlineData("exp", 2.1)]
    [InlineData("log", 0.4)]
    [InlineData("log", 7.5)]
    [InlineData("tanh", -0.8)]
    [InlineData("tanh", 1.9)]
    [InlineData("relu", 1.2)]
    [InlineData("relu", -0.9)]
    [InlineData("sigmoid", -2.2)]
    [InlineData("sigmoid", 0.6)]
    [InlineData("^2", -1.7)]
    [InlineData("^3", 1.1)]
    [InlineData("^-1", -2.5)]
    [InlineData("^0.5", 3.0)]
    [InlineData("^-1.5", 0.8)]
    [InlineData("+3", 0.3)]
    [InlineData("3-", 0.3)]
    [InlineData("*3", -0.3)]
    [InlineData("3/", 1.6)]
    public void UnaryOperationMatchesFiniteDifference(string op, double x)
    {
        var input = new Value(x);
        Unary(op, input).Backward();

        double numeric = (Unary(op, new Value(x + Step)).Data - Unary(op, new Value(x - Step)).Data) / (2 * Step);
        AssertClose(numeric, input.Grad);
    }

    [Theory]
    [InlineData("+", 1.5, -0.4)]
    [InlineData("-", 1.5, -0.4)]
    [InlineData("*", 1.5, -0.4)]
    [InlineData("/", 1.5, -0.4)]
    [InlineData("/", -2.0, 3.0)]
    public void BinaryOperationMatchesFiniteDifference(string op, double a, double b)
    {
        var left = new Value(a);
        var right = new Value(b);
        Binary(op, left, right).Backward();

        double numericLeft = (Binary(op, new Value(a + Step), new Value(b)).Data - Binary(op, new Value(a - Step), new Value(b)).Data) / (2 * Step);
        double numericRight = (Binary(op, new Value(a), new Value(b + Step)).Data - Binary(op, new Value(a), new Value(b - Step)).Data) / (2 * Step);
        AssertClose(numericLeft, left.Grad);
        AssertClose(numericRight, right.Grad);
    }

    [Fact]
    public void CompositeExpressionMatchesFiniteDifference()
    {
        // f(x, y) = sigmoid(x·y) · log(x² + 1) − tanh(y / x) + relu(exp(−x))
        static Value F(Value x, Value y) =>
            (x * y).Sigmoid() * (x.Pow(2) + 1).Log() - (y / x).Tanh() + (-x).Exp().Relu();

        const double x = 0.9, y = -1.4;
        var vx = new Value(x);
        var vy = new Value(y);
        F(vx, vy).Backward();

        AssertClose((F(new Value(x + Step), new Value(y)).Data - F(new Value(x - Step), new Value(y)).Data) / (2 * Step), vx.Grad);
        AssertClose((F(new Value(x), new Value(y + Step)).Data - F(new Value(x), new Value(y - Step)).Data) / (2 * Step), vy.Grad);
    }

    static void AssertClose(double numeric, double analytic)
    {
        double tolerance = 1e-6 * Math.Max(1.0, Math.Abs(numeric));
        Assert.True(Math.Abs(numeric - analytic) <= tolerance,
            $"analytic gradient {analytic} differs from finite difference {numeric}");
    }
}
