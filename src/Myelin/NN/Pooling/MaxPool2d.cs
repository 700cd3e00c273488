namespace Myelin.NN;

/// <summary>
/// 2-D max pooling: the largest value in each window, for each channel separately.
/// Shape: [N, C, H, W] → [N, C, Hout, Wout] with Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1
/// (Wout likewise), rounded up instead of down in ceil mode.
/// </summary>
/// <remarks>
/// Padding counts as −∞, so it is never the maximum. In ceil mode a last window that would start in the bottom or
/// right padding is dropped, as in PyTorch. The gradient flows to the maximum of each window; where several
/// elements tie for it the first of them (in row-major order) gets it all, as in PyTorch.
/// </remarks>
public sealed class MaxPool2d : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="kernelSize">The window: an int or (kh, kw).</param>
    /// <param name="stride">The step between windows; null for the window size.</param>
    /// <param name="padding">−∞ padding on each side, at most half the window; 0 by default.</param>
    /// <param name="dilation">The spacing between window elements; null for 1.</param>
    /// <param name="ceilMode">Round the output size up, so the windows cover the whole input.</param>
    /// <exception cref="ArgumentException">A size is not positive, or the padding is more than half the window.</exception>
    public MaxPool2d(Size2d kernelSize, Size2d? stride = null, Size2d padding = default, Size2d? dilation = null, bool ceilMode = false)
    {
        const string who = "MaxPool2d";
        Stride = stride ?? kernelSize;
        Dilation = dilation ?? 1;
        ConvChecks.RequirePositive(who, "kernel_size", kernelSize);
        ConvChecks.RequirePositive(who, "stride", Stride);
        ConvChecks.RequirePositive(who, "dilation", Dilation);
        ConvChecks.RequirePoolingPadding(who, padding, kernelSize);
        KernelSize = kernelSize;
        Padding = padding;
        CeilMode = ceilMode;
    }

    /// <summary>The window size.</summary>
    public Size2d KernelSize { get; }

    /// <summary>The step between windows.</summary>
    public Size2d Stride { get; }

    /// <summary>The −∞ padding on each side.</summary>
    public Size2d Padding { get; }

    /// <summary>The spacing between window elements.</summary>
    public Size2d Dilation { get; }

    /// <summary>Whether the output size is rounded up.</summary>
    public bool CeilMode { get; }

    /// <summary>Pools the input. Shape: [N, C, H, W] → [N, C, Hout, Wout].</summary>
    /// <exception cref="ArgumentException">The input is not 4-D, or the window is larger than the padded input.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.MaxPooling2d($"MaxPool2d({ExtraRepr()})", input, KernelSize, Stride, Padding, Dilation, CeilMode));

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"kernel_size={KernelSize}, stride={Stride}, padding={Padding}, dilation={Dilation}, ceil_mode={ReprFormat.Bool(CeilMode)}";
}
