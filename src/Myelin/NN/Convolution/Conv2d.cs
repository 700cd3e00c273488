namespace Myelin.NN;

/// <summary>
/// A 2-D convolution layer: slides <see cref="OutChannels"/> learned filters over the input and adds a bias
/// per output channel.
/// Shape: input [N, inChannels, H, W] → output [N, outChannels, Hout, Wout] with
/// Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1 (Wout likewise with the widths);
/// padding "same" keeps Hout = H and Wout = W. Weight [outChannels, inChannels/groups, kh, kw]; bias [outChannels].
/// </summary>
/// <remarks>
/// <para>
/// The state-dict names, the weight layout and the initialisation are PyTorch's: Kaiming uniform with a = √5
/// for the weight, which is U(−1/√fanIn, 1/√fanIn) with fanIn = inChannels/groups·kh·kw, and the bias from the
/// same range. With groups = g the channels split into g independent convolutions (g = inChannels is a
/// depthwise convolution).
/// </para>
/// <para>The forward pass is <see cref="F.Conv2d"/>: unfold (im2col) followed by one matrix product.</para>
/// </remarks>
public sealed class Conv2d : Module
{
    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    /// <param name="inChannels">C of the input.</param>
    /// <param name="outChannels">The number of filters, C of the output.</param>
    /// <param name="kernelSize">The filter size: an int or (kh, kw).</param>
    /// <param name="stride">The step of the filter: an int or (sh, sw); null for 1.</param>
    /// <param name="padding">Zero padding: an int, (ph, pw), "same" (stride 1 only) or "valid"; 0 by default.</param>
    /// <param name="dilation">The spacing between filter taps; null for 1.</param>
    /// <param name="groups">The number of blocked connections from input to output channels; divides both channel counts.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive, groups does not divide the channel counts, or the padding is invalid.</exception>
    public Conv2d(int inChannels, int outChannels, Size2d kernelSize, Size2d? stride = null, ConvPadding padding = default,
        Size2d? dilation = null, int groups = 1, bool bias = true, Generator? generator = null, DType dtype = DType.Float32)
    {
        const string who = "Conv2d";
        ConvChecks.RequireChannelCounts(who, inChannels, outChannels, groups);
        Stride = stride ?? 1;
        Dilation = dilation ?? 1;
        ConvChecks.RequireKernelStrideDilation(who, kernelSize, Stride, Dilation);
        ConvChecks.RequireValidPadding(who, padding, Stride);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Padding = padding;
        Groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros([outChannels, inChannels / groups, kernelSize.Height, kernelSize.Width], dtype));
        if (ConvInit.InitializeWeightAndBias(Weight, bias, outChannels, generator) is { } initialBias)
            Bias = RegisterParameter("bias", initialBias);
    }

    /// <summary>C of the input.</summary>
    public int InChannels { get; }

    /// <summary>C of the output (the number of filters).</summary>
    public int OutChannels { get; }

    /// <summary>The filter size (kh, kw).</summary>
    public Size2d KernelSize { get; }

    /// <summary>The step of the filter.</summary>
    public Size2d Stride { get; }

    /// <summary>The zero padding, or "same"/"valid".</summary>
    public ConvPadding Padding { get; }

    /// <summary>The spacing between filter taps.</summary>
    public Size2d Dilation { get; }

    /// <summary>The number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>The filters [outChannels, inChannels/groups, kh, kw].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [outChannels], or null when the layer was created without one.</summary>
    public Tensor? Bias { get; }

    /// <summary>Applies the convolution. Shape: [N, inChannels, H, W] → [N, outChannels, Hout, Wout].</summary>
    /// <exception cref="ArgumentException">The input is not 4-D, has another channel count, or is smaller than the kernel after padding.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.Convolution2d($"Conv2d({ExtraRepr()})", input, Weight, Bias, Stride, Padding, Dilation, Groups));

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        ConvRepr.Format(InChannels, OutChannels, KernelSize.ToTupleString(), Stride.ToTupleString(),
            padding: Padding.Mode is not null || Padding.Height != 0 || Padding.Width != 0 ? Padding.ToString() : null,
            dilation: ConvRepr.UnlessDefault(Dilation, 1), outputPadding: null, Groups, hasBias: Bias is not null);
}
