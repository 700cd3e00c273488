using Myelin.NN;

namespace Myelin.Examples;

/// <summary>Small fully connected generator and discriminator networks for <see cref="GanTrainer"/>.</summary>
public static class GanNetworks
{
    /// <summary>
    /// Noise → sample: Linear, ReLU, Linear, ReLU, Linear, then tanh when <paramref name="tanhOutput"/> (for data
    /// scaled to [−1, 1], such as images).
    /// Shape: [N, noiseDim] → [N, outputDim].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static Sequential Generator(int noiseDim, int hidden, int outputDim, bool tanhOutput = false, Generator? generator = null, DType dtype = DType.Float32)
    {
        var network = new Sequential(
            new Linear(noiseDim, hidden, generator: generator, dtype: dtype), new ReLU(),
            new Linear(hidden, hidden, generator: generator, dtype: dtype), new ReLU(),
            new Linear(hidden, outputDim, generator: generator, dtype: dtype));
        return tanhOutput ? network.Add(new Tanh()) : network;
    }

    /// <summary>
    /// Sample → logit (high = real): Linear, LeakyReLU(0.2), Linear, LeakyReLU(0.2), Linear. Leaky units keep a
    /// gradient for the generator everywhere. With <paramref name="minibatchStdDev"/> a <see cref="MinibatchStdDev"/>
    /// layer comes first, so the discriminator also sees how much the batch varies (against mode collapse).
    /// Shape: [N, inputDim] → [N, 1].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public static Sequential Discriminator(int inputDim, int hidden, bool minibatchStdDev = false, Generator? generator = null, DType dtype = DType.Float32)
    {
        var network = new Sequential();
        if (minibatchStdDev) network.Add(new MinibatchStdDev());
        int width = minibatchStdDev ? inputDim + 1 : inputDim;
        return network
            .Add(new Linear(width, hidden, generator: generator, dtype: dtype)).Add(new LeakyReLU(0.2))
            .Add(new Linear(hidden, hidden, generator: generator, dtype: dtype)).Add(new LeakyReLU(0.2))
            .Add(new Linear(hidden, 1, generator: generator, dtype: dtype));
    }
}
