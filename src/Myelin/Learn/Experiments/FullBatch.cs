using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Learn;

/// <summary>The plain training loop the experiments share: every step sees the whole (small) data set.</summary>
internal static class FullBatch
{
    /// <summary>Runs <paramref name="steps"/> gradient steps and returns the loss before each one.</summary>
    public static double[] Train(Module model, Tensor inputs, Tensor targets, Func<Tensor, Tensor, Tensor> loss, Optimizer optimizer, int steps)
    {
        var losses = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            Tensor value = loss(model.Forward(inputs), targets);
            optimizer.ZeroGrad();
            value.Backward();
            optimizer.Step();
            losses[step] = value.Item();
        }
        return losses;
    }

    /// <summary>The model's loss on some data, without recording a graph.</summary>
    public static double Loss(Module model, Tensor inputs, Tensor targets, Func<Tensor, Tensor, Tensor> loss)
    {
        using var _ = Autograd.NoGrad();
        return loss(model.Forward(inputs), targets).Item();
    }
}
