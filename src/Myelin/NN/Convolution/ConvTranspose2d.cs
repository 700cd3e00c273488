namespace Myelin.NN;

/// <summary>
/// A 2-D transposed convolution layer (sometimes called deconvolution): the adjoint of a <see cref="Conv2d"/> with
/// the same settings, used to upsample feature maps with learned filters (decoders, segmentation, GAN generators).
/// Shape: input [N, inChannels, H, W] → output [N, outChannels, Hout, Wout] with
/// Hout = (H − 1)·stride − 2·padding + dilation·(kh − 1) + outputPadding + 1 (Wout likewise).
/// Weight [inChannels, outChannels/groups, kh, kw]; bias [outChannels].
/// </summary>
/// <remarks>
/// <para>
/// A strided Conv2d maps several input sizes to the same output size; outputPadding (smaller than the stride or
/// the dilation) adds rows and columns at the bottom and right to pick the larger ones. State-dict names, the
/// weight layout (input channels first) and the initialisation are PyTorch's: Kaiming uniform with a = √5 and
/// fanIn = outChannels/groups·kh·kw (computed from the weight as PyTorch does), the bias from U(−1/√fanIn, 1/√fanIn).
/// </para>
/// <para>The forward pass is <see cref="F.ConvTranspose2d"/>: one matrix product, then fold (col2im).</para>
/// </remarks>
public sealed class ConvTranspose2d : Module
{
    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    /// <param name="inChannels">C of the input.</param>
    /// <param name="outChannels">C of the output.</param>
    /// <param name="kernelSize">The filter size: an int or (kh, kw).</param>
    /// <param name="stride">The upsampling step: an int or (sh, sw); null for 1.</param>
    /// <param name="padding">dilation·(kernel − 1) − padding zeros are added to each side of the input, i.e. padding
    /// rows and columns are cut from each border of the output; 0 by default.</param>
    /// <param name="outputPadding">Extra rows and columns at the bottom and right of the output; smaller than stride or dilation; 0 by default.</param>
    /// <param name="groups">The number of blocked connections from input to output channels; divides both channel counts.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="dilation">The spacing between filter taps; null for 1.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is out of range or groups does not divide the channel counts.</exception>
    public ConvTranspose2d(int inChannels, int outChannels, Size2d kernelSize, Size2d? stride = null, Size2d padding = default,
        Size2d outputPadding = default, int groups = 1, bool bias = true, Size2d? dilation = null, Generator? generator = null,
        DType dtype = DType.Float32)
    {
        const string who = "ConvTranspose2d";
        ConvChecks.RequireChannelCounts(who, inChannels, outChannels, groups);
        Stride = stride ?? 1;
        Dilation = dilation ?? 1;
        ConvChecks.RequireKernelStrideDilation(who, kernelSize, Stride, Dilation);
        ConvChecks.RequireNonNegative(who, "padding", padding);
        F.CheckOutputPadding(who, outputPadding, Stride, Dilation);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Padding = padding;
        OutputPadding = outputPadding;
        Groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros([inChannels, outChannels / groups, kernelSize.Height, kernelSize.Width], dtype));
        if (ConvInit.InitializeWeightAndBias(Weight, bias, outChannels, generator) is { } initialBias)
            Bias = RegisterParameter("bias", initialBias);
    }

    /// <summary>C of the input.</summary>
    public int InChannels { get; }

    /// <summary>C of the output.</summary>
    public int OutChannels { get; }

    /// <summary>The filter size (kh, kw).</summary>
    public Size2d KernelSize { get; }

    /// <summary>The upsampling step.</summary>
    public Size2d Stride { get; }

    /// <summary>The rows and columns cut from each border of the output.</summary>
    public Size2d Padding { get; }

    /// <summary>The extra rows and columns at the bottom and right of the output.</summary>
    public Size2d OutputPadding { get; }

    /// <summary>The spacing between filter taps.</summary>
    public Size2d Dilation { get; }

    /// <summary>The number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>The filters [inChannels, outChannels/groups, kh, kw].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [outChannels], or null when the layer was created without one.</summary>
    public Tensor? Bias { get; }

    /// <summary>Applies the transposed convolution. Shape: [N, inChannels, H, W] → [N, outChannels, Hout, Wout].</summary>
    /// <exception cref="ArgumentException">The input is not 4-D, has another channel count, or the output size would not be positive.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.ConvolutionTranspose2d($"ConvTranspose2d({ExtraRepr()})", input, Weight, Bias, Stride, Padding, OutputPadding, Groups, Dilation));

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        ConvRepr.Format(InChannels, OutChannels, KernelSize.ToTupleString(), Stride.ToTupleString(),
            padding: ConvRepr.UnlessDefault(Padding, 0), dilation: ConvRepr.UnlessDefault(Dilation, 1),
            outputPadding: ConvRepr.UnlessDefault(OutputPadding, 0), Groups, hasBias: Bias is not null);
}
