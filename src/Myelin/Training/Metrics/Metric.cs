namespace Myelin.Training;

/// <summary>
/// A quantity that measures how well a model does, accumulated over batches: <see cref="Reset"/>,
/// then <see cref="Update"/> with each batch's outputs and targets, then <see cref="Result"/>.
/// A <see cref="Trainer"/> does this every epoch and records the result under <see cref="Name"/>
/// ("accuracy" for the training data, "val_accuracy" for the validation data).
/// </summary>
/// <remarks>
/// <para>Metrics accumulate counts and sums, not per-batch ratios, so the result over several batches
/// equals the result over all their samples at once, whatever the batch sizes.</para>
/// <para>Standalone use: <c>double acc = new Accuracy().Compute(logits, labels);</c>.</para>
/// <para>A metric reads its inputs' values only: it runs without recording a graph and never
/// changes the tensors it is given.</para>
/// </remarks>
public abstract class Metric
{
    /// <summary>Sets the metric's name.</summary>
    /// <param name="name">The name used in a <see cref="History"/> and in logs, e.g. "accuracy".</param>
    /// <exception cref="ArgumentException">The name is empty, contains whitespace or a comma, or starts with "val_".</exception>
    protected Metric(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Any(c => char.IsWhiteSpace(c) || c is ',' or '"' or '{' or '}'))
            throw new ArgumentException($"{GetType().Name}: the metric name '{name}' may not contain whitespace, commas, quotes or braces (it becomes a column name in logs).", nameof(name));
        if (name.StartsWith(LogNames.ValidationPrefix, StringComparison.Ordinal))
            throw new ArgumentException($"{GetType().Name}: the metric name '{name}' may not start with '{LogNames.ValidationPrefix}'; the trainer adds that prefix for validation results.", nameof(name));
        Name = name;
    }

    /// <summary>The name under which results are recorded, e.g. "accuracy", "mae".</summary>
    public string Name { get; }

    /// <summary>Whether a larger value is better (accuracy) or worse (an error); callbacks that watch the metric with an automatic mode use it to tell which way is better.</summary>
    public abstract bool HigherIsBetter { get; }

    /// <summary>Forgets everything accumulated so far.</summary>
    public abstract void Reset();

    /// <summary>Adds one batch of model outputs and their targets to the accumulated state.</summary>
    /// <param name="output">The model's output for the batch; its first dimension is the batch.</param>
    /// <param name="target">The expected values for the batch, with the same first dimension.</param>
    /// <exception cref="ArgumentException">The shapes or dtypes do not fit this metric; the message names the metric and both shapes.</exception>
    public void Update(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        using var noGrad = Autograd.NoGrad();
        UpdateCore(output.Detach(), target.Detach());
    }

    /// <summary>Adds one batch; the tensors are detached and no graph is recorded.</summary>
    protected abstract void UpdateCore(Tensor output, Tensor target);

    /// <summary>The metric over everything accumulated since the last <see cref="Reset"/>; NaN before any sample.</summary>
    public abstract double Result();

    /// <summary>Resets, adds one batch and returns the result: the metric of <paramref name="output"/> against <paramref name="target"/> alone.</summary>
    /// <exception cref="ArgumentException">The shapes or dtypes do not fit this metric.</exception>
    public double Compute(Tensor output, Tensor target)
    {
        Reset();
        Update(output, target);
        return Result();
    }

    /// <summary>The metric's name.</summary>
    public override string ToString() => Name;
}
