namespace Myelin.NN;

/// <summary>
/// 2-D average pooling: the mean of each window, for each channel separately.
/// Shape: [N, C, H, W] → [N, C, Hout, Wout] with Hout = ⌊(H + 2·padding − kh) / stride⌋ + 1 (Wout likewise),
/// rounded up instead of down in ceil mode.
/// </summary>
/// <remarks>
/// Padding is zeros. With countIncludePad (PyTorch's default) the zeros count in the divisor, so border windows
/// average kh·kw values; without it only the input elements count. In ceil mode the part of a last window beyond
/// the padding never counts. A divisorOverride replaces the divisor of every window.
/// </remarks>
public sealed class AvgPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">The window: an int or (kh, kw).</param>
    /// <param name="stride">The step between windows; null for the window size.</param>
    /// <param name="padding">Zero padding on each side, at most half the window; 0 by default.</param>
    /// <param name="ceilMode">Round the output size up, so the windows cover the whole input.</param>
    /// <param name="countIncludePad">Count the zero padding in the divisor (PyTorch's default).</param>
    /// <param name="divisorOverride">Divide every window sum by this instead; not zero.</param>
    /// <exception cref="ArgumentException">A size is not positive, the padding is more than half the window, or the divisor is zero.</exception>
    public AvgPool2d(Size2d kernelSize, Size2d? stride = null, Size2d padding = default, bool ceilMode = false, bool countIncludePad = true,
        int? divisorOverride = null)
    {
        const string who = "AvgPool2d";
        Stride = stride ?? kernelSize;
        ConvChecks.RequirePositive(who, "kernel_size", kernelSize);
        ConvChecks.RequirePositive(who, "stride", Stride);
        ConvChecks.RequirePoolingPadding(who, padding, kernelSize);
        if (divisorOverride == 0) throw new ArgumentException($"{who}: divisor_override must not be zero.");
        KernelSize = kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
        CountIncludePad = countIncludePad;
        DivisorOverride = divisorOverride;
    }

    /// <summary>The window size.</summary>
    public Size2d KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public Size2d Stride { get; }

    /// <summary>The zero padding on each side.</summary>
    public Size2d Padding { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Whether the zero padding counts in the divisor.</summary>
    public bool CountIncludePad { get; }

    /// <summary>The divisor used for every window instead of its size, or null.</summary>
    public int? DivisorOverride { get; }

    /// <summary>Pools the input. Shape: [N, C, H, W] → [N, C, Hout, Wout].</summary>
    /// <exception cref="ArgumentException">The input is not 4-D, or the window is larger than the padded input.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.AveragePooling2d($"AvgPool2d({ExtraRepr()})", input, KernelSize, Stride, Padding, CeilMode, CountIncludePad, DivisorOverride));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}";
}
