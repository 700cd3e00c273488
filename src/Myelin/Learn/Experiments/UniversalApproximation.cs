using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Learn;

/// <summary>
/// The universal approximation theorem in practice: one hidden layer of tanh neurons,
/// <c>Linear(1, H) → Tanh → Linear(H, 1)</c>, fits sin(x) on [−π, π], and more hidden neurons fit it
/// better — each neuron contributes one smooth step that the output layer adds up.
/// </summary>
public static class UniversalApproximation
{
    /// <summary>Fits sin(x) with <paramref name="hiddenNeurons"/> hidden neurons (full-batch Adam, mean squared error).</summary>
    /// <param name="hiddenNeurons">The width of the hidden layer (at least 1).</param>
    /// <param name="epochs">How many full-batch steps.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    /// <param name="seed">Seeds the initial weights.</param>
    /// <param name="samples">How many evenly spaced points of [−π, π] to fit (at least 2).</param>
    public static ApproximationFit Fit(int hiddenNeurons, int epochs = 1000, double learningRate = 0.02, ulong seed = 1, int samples = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenNeurons, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        Tensor x = Tensor.Linspace(-Math.PI, Math.PI, samples).Reshape(samples, 1);
        Tensor y = x.Sin();
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(1, hiddenNeurons, generator: generator), new Tanh(), new Linear(hiddenNeurons, 1, generator: generator));
        FullBatch.Train(model, x, y, (p, t) => F.MSELoss(p, t), new Adam(model.Parameters(), learningRate), epochs);

        float[] prediction;
        using (Autograd.NoGrad()) prediction = model.Forward(x).ToArray();
        float[] target = y.ToArray();
        double mse = prediction.Zip(target, (p, t) => (double)(p - t) * (p - t)).Average();
        return new ApproximationFit(hiddenNeurons, mse,
            x.ToArray().Select(v => (double)v).ToArray(), target.Select(v => (double)v).ToArray(), prediction.Select(v => (double)v).ToArray());
    }
}
