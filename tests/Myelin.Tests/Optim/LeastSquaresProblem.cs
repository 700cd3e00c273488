using System.Text.Json;

namespace Myelin.Tests.Optim;

/// <summary>
/// The fixed problem of the optimizer fixtures: loss = mean((x @ weight + bias − target)²) with
/// x [5, 4], weight [4, 3], bias [3] and target [5, 3], built in the requested precision.
/// </summary>
public sealed class LeastSquaresProblem
{
    readonly Tensor x, target;

    public LeastSquaresProblem(DType dtype)
    {
        var problem = OptimFixtures.Optimizers.GetProperty("problem");
        x = OptimFixtures.Decode(problem.GetProperty("x"), dtype);
        target = OptimFixtures.Decode(problem.GetProperty("target"), dtype);
        Weight = OptimFixtures.Decode(problem.GetProperty("weight"), dtype).RequireGrad();
        Bias = OptimFixtures.Decode(problem.GetProperty("bias"), dtype).RequireGrad();
    }

    public Tensor Weight { get; }
    public Tensor Bias { get; }

    public Dictionary<string, Tensor> Parameters => new() { ["weight"] = Weight, ["bias"] = Bias };

    public Tensor Loss()
    {
        var residual = x.MatMul(Weight) + Bias - target;
        return (residual * residual).Mean();
    }

    /// <summary>Zero the gradients, backpropagate the loss and step, <paramref name="steps"/> times.</summary>
    public void Train(Myelin.Optim.Optimizer optimizer, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            optimizer.ZeroGrad();
            Loss().Backward();
            optimizer.Step();
        }
    }

    /// <summary>The weight then the bias, flattened, as doubles.</summary>
    public double[] Values() => [.. Weight.ToArray<double>(), .. Bias.ToArray<double>()];

    public static JsonElement Case(string name) => OptimFixtures.Case(OptimFixtures.Optimizers, name);
}
