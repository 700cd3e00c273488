using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Examples;

/// <summary>
/// Trains a generative adversarial network: a generator turns Gaussian noise into samples, a discriminator scores
/// samples as real or generated, and the two are trained in turn against each other — the discriminator to tell
/// them apart, the generator to fool it (<see cref="GanLosses"/>). Each has its own Adam optimizer with β₁ = 0.5,
/// the usual choice for GANs since DCGAN.
/// </summary>
/// <example><code>
/// var gan = new GanTrainer(GanNetworks.Generator(8, 128, 2), GanNetworks.Discriminator(2, 128), noiseDim: 8, random: new Generator(1));
/// for (int epoch = 1; epoch &lt;= 20; epoch++)
/// {
///     var (d, g) = gan.TrainEpoch(data, batchSize: 256);
///     Console.WriteLine($"epoch {epoch}: discriminator {d:F3}, generator {g:F3}");
/// }
/// Tensor samples = gan.Sample(1000);
/// </code></example>
public sealed class GanTrainer
{
    readonly Generator random;

    /// <summary>Prepares the two networks and their optimizers.</summary>
    /// <param name="generatorModel">Noise [N, noiseDim] → samples [N, *], the shape of the real data.</param>
    /// <param name="discriminatorModel">Samples [N, *] → logits [N, 1] (high = real).</param>
    /// <param name="noiseDim">The width of the noise vector.</param>
    /// <param name="learningRate">Both optimizers' learning rate.</param>
    /// <param name="beta1">Both optimizers' β₁.</param>
    /// <param name="random">Draws the noise and the order of the data; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The noise width or learning rate is not positive.</exception>
    public GanTrainer(Module generatorModel, Module discriminatorModel, int noiseDim, double learningRate = 1e-3, double beta1 = 0.5,
        Generator? random = null)
    {
        ArgumentNullException.ThrowIfNull(generatorModel);
        ArgumentNullException.ThrowIfNull(discriminatorModel);
        if (noiseDim <= 0) throw new ArgumentOutOfRangeException(nameof(noiseDim), $"GanTrainer: the noise width must be positive, got {noiseDim}.");
        GeneratorModel = generatorModel;
        DiscriminatorModel = discriminatorModel;
        NoiseDim = noiseDim;
        this.random = random ?? Generator.Default;
        GeneratorOptimizer = new Adam(generatorModel.Parameters(), learningRate, beta1, 0.999);
        DiscriminatorOptimizer = new Adam(discriminatorModel.Parameters(), learningRate, beta1, 0.999);
    }

    /// <summary>The network that makes samples from noise.</summary>
    public Module GeneratorModel { get; }

    /// <summary>The network that scores samples as real (high) or generated (low).</summary>
    public Module DiscriminatorModel { get; }

    /// <summary>The width of the noise vector.</summary>
    public int NoiseDim { get; }

    /// <summary>Updates the generator.</summary>
    public Adam GeneratorOptimizer { get; }

    /// <summary>Updates the discriminator.</summary>
    public Adam DiscriminatorOptimizer { get; }

    /// <summary>
    /// Both optimizers' learning rate. Lowering it for the last epochs lets the samples settle instead of circling
    /// around the target, as the two networks keep reacting to each other.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public double LearningRate
    {
        get => GeneratorOptimizer.LearningRate;
        set
        {
            if (!(value > 0)) throw new ArgumentOutOfRangeException(nameof(value), $"GanTrainer: the learning rate must be positive, got {value}.");
            GeneratorOptimizer.LearningRate = value;
            DiscriminatorOptimizer.LearningRate = value;
        }
    }

    /// <summary>Standard normal noise. Shape: [count, noiseDim], the generator's dtype.</summary>
    public Tensor Noise(int count) => Tensor.Randn([count, NoiseDim], random, ParameterDType(GeneratorModel));

    /// <summary>
    /// One round of the game on a batch of real samples: a discriminator step on the real batch and as many generated
    /// samples, then a generator step on the same generated samples. Returns both losses before their step.
    /// </summary>
    /// <exception cref="ArgumentException">The batch is empty, or a network rejects its input.</exception>
    public (double DiscriminatorLoss, double GeneratorLoss) Step(Tensor realBatch)
    {
        ArgumentNullException.ThrowIfNull(realBatch);
        if (realBatch.Rank == 0 || realBatch.Size(0) == 0)
            throw new ArgumentException($"GanTrainer.Step: expected a batch of real samples [N, *] with N ≥ 1, got {Module.FormatShape(realBatch.Shape)}.", nameof(realBatch));
        GeneratorModel.Train();
        DiscriminatorModel.Train();
        var fake = GeneratorModel.Forward(Noise(realBatch.Size(0)));

        // The discriminator learns on detached fakes: its step must not move the generator.
        var discriminatorLoss = GanLosses.Discriminator(DiscriminatorModel.Forward(realBatch), DiscriminatorModel.Forward(fake.Detach()));
        DiscriminatorOptimizer.ZeroGrad();
        discriminatorLoss.Backward();
        DiscriminatorOptimizer.Step();

        // The generator's gradient flows through the (just updated) discriminator; the discriminator's own
        // gradients from this pass are cleared before its next step.
        var generatorLoss = GanLosses.Generator(DiscriminatorModel.Forward(fake));
        GeneratorOptimizer.ZeroGrad();
        generatorLoss.Backward();
        GeneratorOptimizer.Step();
        return (discriminatorLoss.Item(), generatorLoss.Item());
    }

    /// <summary>
    /// One pass over <paramref name="data"/> in a random order, one <see cref="Step"/> per batch (a last short
    /// batch included). Returns the mean of each loss over the steps. Shape: data [N, *].
    /// </summary>
    /// <exception cref="ArgumentException">The data is empty or the batch size is not positive.</exception>
    public (double DiscriminatorLoss, double GeneratorLoss) TrainEpoch(Tensor data, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank == 0 || data.Size(0) == 0)
            throw new ArgumentException($"GanTrainer.TrainEpoch: expected real samples [N, *] with N ≥ 1, got {Module.FormatShape(data.Shape)}.", nameof(data));
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"GanTrainer.TrainEpoch: the batch size must be positive, got {batchSize}.");
        var order = Tensor.FromArray(random.Permutation(data.Size(0)).Select(i => (long)i).ToArray());
        double discriminatorTotal = 0, generatorTotal = 0;
        int steps = 0;
        for (int start = 0; start < data.Size(0); start += batchSize)
        {
            var batch = data.IndexSelect(0, order.Narrow(0, start, Math.Min(batchSize, data.Size(0) - start)));
            var (d, g) = Step(batch);
            discriminatorTotal += d;
            generatorTotal += g;
            steps++;
        }
        return (discriminatorTotal / steps, generatorTotal / steps);
    }

    /// <summary>Generated samples, in evaluation mode and without recording gradients. Shape: [count, *].</summary>
    public Tensor Sample(int count)
    {
        bool wasTraining = GeneratorModel.IsTraining;
        GeneratorModel.Eval();
        Tensor samples;
        using (Autograd.NoGrad()) samples = GeneratorModel.Forward(Noise(count));
        GeneratorModel.Train(wasTraining);
        return samples;
    }

    static DType ParameterDType(Module module) => module.Parameters().FirstOrDefault()?.DType ?? DType.Float32;
}
