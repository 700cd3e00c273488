namespace Myelin.NN;

/// <summary>
/// Adaptive 2-D average pooling: averages windows chosen so that the output has the requested size whatever the
/// input size; output size 1 is global average pooling.
/// Shape: [N, C, H, W] → [N, C, Hout, Wout] with (Hout, Wout) = outputSize.
/// </summary>
/// <remarks>
/// Output row i averages input rows ⌊i·H/Hout⌋ to ⌈(i + 1)·H/Hout⌉ − 1 (PyTorch's rule), and likewise for columns,
/// so when H is not a multiple of Hout the windows differ in size and may overlap.
/// </remarks>
public sealed class AdaptiveAvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="outputSize">The output size: an int or (Hout, Wout).</param>
    /// <exception cref="ArgumentException">The output size is not positive.</exception>
    public AdaptiveAvgPool2d(Size2d outputSize)
    {
        ConvChecks.RequirePositive("AdaptiveAvgPool2d", "output_size", outputSize);
        OutputSize = outputSize;
    }

    /// <summary>The output size.</summary>
    public Size2d OutputSize { get; }

    /// <summary>Pools the input. Shape: [N, C, H, W] → [N, C, Hout, Wout].</summary>
    /// <exception cref="ArgumentException">The input is not 4-D or has an empty spatial dimension.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.AdaptiveAveragePooling2d($"AdaptiveAvgPool2d({ExtraRepr()})", input, OutputSize));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"output_size={OutputSize}";
}
