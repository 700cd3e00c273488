namespace Myelin.NN;

/// <summary>
/// The perceptron's threshold unit: 1 where x ≥ <see cref="Threshold"/>, else 0, elementwise.
/// Shape: any, unchanged.
/// </summary>
/// <remarks>
/// The step function is flat everywhere except at the threshold, where it jumps, so it has no useful
/// derivative: its output carries no gradient. A network that uses it cannot be trained by
/// backpropagation, which is why the sigmoid neuron replaced the perceptron. To make that mistake
/// visible, <see cref="Forward"/> refuses an input that requires gradients while the layer is in training
/// mode with gradient recording on. Run it in evaluation mode (<see cref="Module.Eval"/>) or under
/// <see cref="Autograd.NoGrad"/>, e.g. with the perceptron learning rule, or use <see cref="Sigmoid"/> to
/// train by gradient descent.
/// </remarks>
public sealed class Step : Module
{
    /// <summary>Creates the unit firing at inputs of at least <paramref name="threshold"/>.</summary>
    public Step(double threshold = 0) => Threshold = threshold;

    /// <summary>The input value from which the output is 1.</summary>
    public double Threshold { get; }

    /// <summary>Applies the threshold elementwise; the result does not require gradients.</summary>
    /// <exception cref="InvalidOperationException">The input requires gradients, the layer is in training mode and gradients are being recorded.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (IsTraining && input.RequiresGrad && Autograd.IsGradEnabled)
            throw new InvalidOperationException(
                "Step: the threshold unit has zero gradient everywhere, so gradients cannot flow back through it, " +
                $"but its input (shape {FormatShape(input.Shape)}) requires gradients in training mode. " +
                "Use Sigmoid to train by gradient descent, or run Step after Eval() or inside Autograd.NoGrad() " +
                "(e.g. for the perceptron learning rule).");
        return RecordOutput(F.Step(input, Threshold));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() => $"threshold={ReprFormat.Float(Threshold)}";
}
