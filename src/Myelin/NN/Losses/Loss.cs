namespace Myelin.NN;

/// <summary>
/// A loss function with its options fixed, for code that passes losses around, such as a
/// training loop or a trainer. Each loss class holds the options of one function in
/// <see cref="F"/>, and <see cref="Forward"/> equals calling that function with them.
/// </summary>
/// <remarks>
/// Losses are plain objects, not modules: they have no parameters and keep no state between
/// calls, so one instance can be shared (see <see cref="Losses"/> for ready-made ones). Where a
/// delegate is wanted, the method group <c>loss.Forward</c> converts to
/// <c>Func&lt;Tensor, Tensor, Tensor&gt;</c>. Derive from this class for a custom loss.
/// </remarks>
public abstract class Loss
{
    /// <summary>Sets the loss's name and reduction.</summary>
    /// <param name="name">The name used in messages, e.g. "CrossEntropyLoss".</param>
    /// <param name="reduction">How per-element values are reduced.</param>
    /// <param name="allowsBatchMean">Whether <see cref="Reduction.BatchMean"/> is defined for this loss.</param>
    /// <exception cref="ArgumentException">The reduction is not defined for this loss.</exception>
    protected Loss(string name, Reduction reduction, bool allowsBatchMean = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        LossChecks.CheckReduction(reduction, name, allowsBatchMean);
        Name = name;
        Reduction = reduction;
    }

    /// <summary>The loss's name as it appears in error messages, e.g. "CrossEntropyLoss".</summary>
    public string Name { get; }

    /// <summary>How per-element values are reduced: Mean, Sum or None.</summary>
    public Reduction Reduction { get; }

    /// <summary>
    /// The loss of <paramref name="input"/> (the model's output) against <paramref name="target"/>:
    /// a scalar, or per-element values with <see cref="Reduction.None"/>. Differentiable with
    /// respect to the input.
    /// </summary>
    /// <param name="input">The model's output: predictions, probabilities, logits or log-probabilities, as the loss expects.</param>
    /// <param name="target">What the output should have been.</param>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>The name and reduction, e.g. "CrossEntropyLoss(reduction: Mean)".</summary>
    public override string ToString() => $"{Name}(reduction: {Reduction})";
}
