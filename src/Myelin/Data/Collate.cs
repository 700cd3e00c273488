namespace Myelin.Data;

/// <summary>
/// Functions that turn a list of samples into one batch, for <see cref="DataLoader"/>'s
/// <c>collate</c> argument (PyTorch's <c>collate_fn</c>).
/// </summary>
public static class Collate
{
    /// <summary>
    /// The default collation: stacks the inputs and the targets of the samples along a new first
    /// dimension (PyTorch's <c>default_collate</c> for tensors).
    /// </summary>
    /// <remarks>Shape: samples of Input [F…] and Target [T…] → Input [B, F…], Target [B, T…]; class labels [] → [B].</remarks>
    /// <exception cref="ArgumentException">The list is empty, or two samples have different input or target shapes.</exception>
    public static (Tensor Input, Tensor Target) Stack(IReadOnlyList<(Tensor Input, Tensor Target)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
            throw new ArgumentException("Collate.Stack: there are no samples to stack.", nameof(samples));
        var inputs = new Tensor[samples.Count];
        var targets = new Tensor[samples.Count];
        for (int i = 0; i < samples.Count; i++)
        {
            (inputs[i], targets[i]) = samples[i];
            CheckSameShape(inputs[i], inputs[0], i, "input");
            CheckSameShape(targets[i], targets[0], i, "target");
        }
        return (Tensor.Stack(inputs), Tensor.Stack(targets));
    }

    static void CheckSameShape(Tensor tensor, Tensor first, int position, string role)
    {
        if (!tensor.Shape.SequenceEqual(first.Shape))
            throw new ArgumentException(
                $"Collate.Stack: sample {position} of the batch has {role} shape {Layout.Format(tensor.Shape.AsSpan())}, but sample 0 has {Layout.Format(first.Shape.AsSpan())}; "
                + "samples must share one shape to be stacked (pass a custom collate function otherwise).");
    }
}
