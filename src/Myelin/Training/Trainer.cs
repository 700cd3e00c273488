using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Training;

/// <summary>
/// A Keras-style training loop around a model, an optimizer and a loss: <c>Fit</c> trains
/// for a number of epochs with validation, metrics, callbacks and progress reporting;
/// <see cref="Evaluate"/> measures the loss and metrics on a data set; <see cref="Predict(Tensor, int)"/>
/// runs the model on inputs.
/// </summary>
/// <remarks>
/// <code>
/// var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 1e-3), Losses.CrossEntropy,
///     new TrainerOptions { Metrics = [new Accuracy()], ShuffleSeed = 1 });
/// History history = trainer.Fit(train, validation, epochs: 20,
///     callbacks: [new EarlyStopping(patience: 3, restoreBestWeights: true)]);
/// Console.WriteLine(history);
/// EvaluationResult test = trainer.Evaluate(testSet);   // test.Loss, test["accuracy"]
/// </code>
/// <para>Each training step is the PyTorch loop: <c>optimizer.ZeroGrad(); loss =
/// Loss.Forward(model.Forward(x), y); loss.Backward();</c> optional gradient clipping;
/// <c>optimizer.Step()</c>. The model is in training mode while it trains and in evaluation mode,
/// without recording a graph, during validation, <see cref="Evaluate"/> and
/// <see cref="Predict(Tensor, int)"/>; each of these calls leaves every module in the mode it found it in.</para>
/// <para>Training is reproducible: with the same initial weights, data, options and
/// <see cref="TrainerOptions.ShuffleSeed"/>, two runs give identical weights.</para>
/// </remarks>
public sealed class Trainer
{
    readonly Generator shuffleGenerator;

    /// <summary>Creates a trainer.</summary>
    /// <param name="model">The model to train; its output is the loss's input.</param>
    /// <param name="optimizer">The optimizer over the model's parameters.</param>
    /// <param name="loss">The loss to minimise; it must reduce a batch to one number (Reduction.Mean or Sum).</param>
    /// <param name="options">Batch size, shuffling, metrics, clipping, schedule and the non-finite-loss rule; defaults when null.</param>
    /// <exception cref="ArgumentException">An invalid option (the message names it).</exception>
    public Trainer(Module model, Optimizer optimizer, Loss loss, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= new TrainerOptions();
        options.Validate(optimizer);
        Model = model;
        Optimizer = optimizer;
        Loss = loss;
        Options = options;
        shuffleGenerator = options.ShuffleGenerator
            ?? (options.ShuffleSeed is int seed ? new Generator(unchecked((ulong)seed)) : Generator.Default);
    }

    /// <summary>The model being trained.</summary>
    public Module Model { get; }

    /// <summary>The optimizer that updates the model.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The loss minimised.</summary>
    public Loss Loss { get; }

    /// <summary>The trainer's settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The metrics computed in every epoch and by <see cref="Evaluate"/>.</summary>
    public IReadOnlyList<Metric> Metrics => Options.Metrics;

    /// <summary>
    /// Trains the model for <paramref name="epochs"/> epochs over <paramref name="train"/>, measuring
    /// the loss and metrics on <paramref name="validation"/> after each epoch when given.
    /// </summary>
    /// <param name="train">The training samples.</param>
    /// <param name="validation">Samples to evaluate after each epoch ("val_loss", "val_accuracy", …), or null.</param>
    /// <param name="epochs">The number of passes over the training data (≥ 1).</param>
    /// <param name="batchSize">Samples per batch; <see cref="TrainerOptions.BatchSize"/> (32 unless set) when null.</param>
    /// <param name="callbacks">Callbacks run in order at each stage (early stopping, checkpoints, logging, …).</param>
    /// <param name="progress">Receives a <see cref="TrainingProgress"/> after every training batch.</param>
    /// <param name="cancellationToken">
    /// Stops training cleanly after the current batch: no exception is thrown; the history holds the
    /// epochs completed before, its <see cref="History.StoppedReason"/> is <see cref="StopReason.Cancelled"/>,
    /// and the callbacks' <see cref="Callback.OnTrainEnd"/> runs. The interrupted epoch is not recorded.
    /// </param>
    /// <returns>One <see cref="EpochLogs"/> per completed epoch, and why training stopped.</returns>
    /// <exception cref="ArgumentException">An empty training set, epochs or batch size below 1, or a null callback.</exception>
    /// <exception cref="NonFiniteLossException">A batch's loss was NaN or infinite and <see cref="TrainerOptions.NonFiniteLoss"/> is <see cref="NonFiniteLossAction.Throw"/>.</exception>
    /// <exception cref="InvalidOperationException">The loss is not a single number, or a callback's setting does not fit this fit (e.g. it monitors "val_loss" without validation data).</exception>
    public History Fit(IDataset train, IDataset? validation = null, int epochs = 1, int? batchSize = null,
        IEnumerable<Callback>? callbacks = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
            throw new ArgumentException("Trainer.Fit: the training set is empty.", nameof(train));
        if (validation is { Count: 0 })
            throw new ArgumentException("Trainer.Fit: the validation set is empty; pass null for no validation.", nameof(validation));
        if (epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, $"Trainer.Fit: epochs must be at least 1, got {epochs}.");
        int size = batchSize ?? Options.BatchSize;
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Trainer.Fit: batchSize must be at least 1, got {batchSize}.");

        var all = (callbacks ?? []).ToList();
        for (int i = 0; i < all.Count; i++)
            if (all[i] is null) throw new ArgumentException($"Trainer.Fit: callback {i} is null.", nameof(callbacks));
        if (Options.Scheduler is not null)
            all.Add(new LearningRateSchedulerCallback(Options.Scheduler, Options.SchedulerInterval));

        var loader = new DataLoader(train, size, shuffle: Options.Shuffle, generator: shuffleGenerator);
        return new FitLoop(this, loader, validation, epochs, all, progress, cancellationToken).Run();
    }

    /// <summary>
    /// Trains like <see cref="Fit(IDataset, IDataset?, int, int?, IEnumerable{Callback}?, IProgress{TrainingProgress}?, CancellationToken)"/>,
    /// holding out the last <paramref name="validationFraction"/> of <paramref name="data"/> for
    /// validation (Keras's <c>validation_split</c>): the first ⌈N·(1 − fraction)⌉ samples train, the
    /// rest validate. The split takes samples in order, so shuffle the data beforehand if it is sorted.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1), or leaves either part empty.</exception>
    public History Fit(IDataset data, double validationFraction, int epochs = 1, int? batchSize = null,
        IEnumerable<Callback>? callbacks = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"Trainer.Fit: validationFraction must be between 0 and 1 (exclusive), got {validationFraction}.");
        int trainCount = (int)Math.Ceiling(data.Count * (1 - validationFraction));
        if (trainCount < 1 || trainCount >= data.Count)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction,
                $"Trainer.Fit: a validation fraction of {validationFraction} of {data.Count} samples leaves {trainCount} for training and {data.Count - trainCount} for validation; both need at least one.");
        var train = new Subset(data, Enumerable.Range(0, trainCount).ToArray());
        var validation = new Subset(data, Enumerable.Range(trainCount, data.Count - trainCount).ToArray());
        return Fit(train, validation, epochs, batchSize, callbacks, progress, cancellationToken);
    }

    /// <summary>
    /// The mean loss and the metrics of the model on <paramref name="data"/>, computed in evaluation
    /// mode without recording a graph. The model's modes are restored afterwards.
    /// </summary>
    /// <param name="data">The samples to evaluate.</param>
    /// <param name="batchSize">Samples per forward pass; it does not change the result.</param>
    /// <exception cref="ArgumentException">The data set is empty or the batch size is below 1.</exception>
    public EvaluationResult Evaluate(IDataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckInferenceArguments(data.Count, batchSize, nameof(Evaluate));
        var modes = ModuleModes.Capture(Model);
        try
        {
            Model.Eval();
            return EvaluateInCurrentMode(data, batchSize);
        }
        finally { modes.Restore(); }
    }

    /// <summary>
    /// The model's outputs for every sample of <paramref name="data"/>, in order, concatenated along
    /// the first dimension; computed in evaluation mode without a graph (targets are ignored).
    /// </summary>
    /// <remarks>Shape: the model's output for a batch, with the batch dimension N = data.Count.</remarks>
    /// <exception cref="ArgumentException">The data set is empty or the batch size is below 1.</exception>
    public Tensor Predict(IDataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckInferenceArguments(data.Count, batchSize, nameof(Predict));
        var loader = new DataLoader(data, batchSize);
        return PredictBatches(loader.Select(batch => batch.Input));
    }

    /// <summary>
    /// The model's outputs for <paramref name="inputs"/>, whose first dimension is the batch, run
    /// <paramref name="batchSize"/> rows at a time in evaluation mode without a graph. Equals
    /// <c>Model.Forward(inputs)</c> under <c>Autograd.NoGrad()</c> in evaluation mode.
    /// </summary>
    /// <remarks>Shape: inputs [N, …] → the model's outputs [N, …].</remarks>
    /// <exception cref="ArgumentException">The inputs are a scalar or have no rows, or the batch size is below 1.</exception>
    public Tensor Predict(Tensor inputs, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Rank == 0)
            throw new ArgumentException("Trainer.Predict: the inputs are a scalar; expected a batch [N, …].", nameof(inputs));
        CheckInferenceArguments(inputs.Size(0), batchSize, nameof(Predict));
        int n = inputs.Size(0);
        return PredictBatches(Enumerable.Range(0, (n + batchSize - 1) / batchSize)
            .Select(b => inputs.Narrow(0, b * batchSize, Math.Min(batchSize, n - b * batchSize))));
    }

    Tensor PredictBatches(IEnumerable<Tensor> batches)
    {
        var modes = ModuleModes.Capture(Model);
        try
        {
            Model.Eval();
            using var noGrad = Autograd.NoGrad();
            var outputs = batches.Select(x => Model.Forward(x)).ToList();
            return outputs.Count == 1 ? outputs[0] : Tensor.Cat(outputs, 0);
        }
        finally { modes.Restore(); }
    }

    static void CheckInferenceArguments(int samples, int batchSize, string method)
    {
        if (samples == 0)
            throw new ArgumentException($"Trainer.{method}: there are no samples.");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"Trainer.{method}: batchSize must be at least 1, got {batchSize}.");
    }

    /// <summary>Loss and metrics over <paramref name="data"/> in whatever mode the model is in, without a graph.</summary>
    internal EvaluationResult EvaluateInCurrentMode(IDataset data, int batchSize)
    {
        using var noGrad = Autograd.NoGrad();
        foreach (var metric in Metrics) metric.Reset();
        double lossSum = 0;
        int samples = 0;
        foreach (var (x, y) in new DataLoader(data, batchSize))
        {
            var output = Model.Forward(x);
            int n = BatchSizeOf(x);
            lossSum += ComputeLoss(output, y).Item() * n;
            samples += n;
            foreach (var metric in Metrics) metric.Update(output, y);
        }
        return new EvaluationResult(lossSum / samples, Metrics.Select(m => new KeyValuePair<string, double>(m.Name, m.Result())), samples);
    }

    /// <summary>The loss of a batch, checked to be a single number.</summary>
    internal Tensor ComputeLoss(Tensor output, Tensor target)
    {
        var loss = Loss.Forward(output, target);
        if (loss.NumElements != 1)
            throw new InvalidOperationException(
                $"Trainer: {Loss.Name} returned a tensor of shape {Layout.Format(loss.Shape.AsSpan())}; training needs one number per batch. Use Reduction.Mean (or Sum) for this loss.");
        return loss;
    }

    /// <summary>The number of samples in a batch: its first dimension.</summary>
    internal static int BatchSizeOf(Tensor input) => input.Rank == 0 ? 1 : input.Size(0);

    /// <summary>Scales the optimizer's gradients to <see cref="TrainerOptions.GradientClipNorm"/> if set.</summary>
    internal void ClipGradients()
    {
        if (Options.GradientClipNorm is double maxNorm)
            GradientClipping.ClipGradNorm(Optimizer.ParameterGroups.SelectMany(g => g.Parameters), maxNorm);
    }
}
