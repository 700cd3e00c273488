namespace Myelin.NN;

/// <summary>
/// A 1-D convolution layer over sequences (signals, text embeddings): slides <see cref="OutChannels"/> learned
/// filters along the length and adds a bias per output channel.
/// Shape: input [N, inChannels, L] → output [N, outChannels, Lout] with
/// Lout = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1; padding "same" keeps Lout = L.
/// Weight [outChannels, inChannels/groups, k]; bias [outChannels].
/// </summary>
/// <remarks>
/// State-dict names, weight layout and initialisation are PyTorch's (Kaiming uniform with a = √5, i.e.
/// U(−1/√fanIn, 1/√fanIn) with fanIn = inChannels/groups·k, and the bias from the same range). The forward pass is
/// <see cref="F.Conv1d"/>: a <see cref="Conv2d"/> computation on the input seen as images of height 1.
/// </remarks>
public sealed class Conv1d : Module
{
    /// <summary>Creates the layer with freshly initialised parameters.</summary>
    /// <param name="inChannels">C of the input.</param>
    /// <param name="outChannels">The number of filters, C of the output.</param>
    /// <param name="kernelSize">The filter length k.</param>
    /// <param name="stride">The step of the filter.</param>
    /// <param name="padding">Zero padding at both ends: an int, "same" (stride 1 only) or "valid"; 0 by default.</param>
    /// <param name="dilation">The spacing between filter taps.</param>
    /// <param name="groups">The number of blocked connections from input to output channels; divides both channel counts.</param>
    /// <param name="bias">Whether to learn an additive bias.</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive, groups does not divide the channel counts, or the padding is invalid.</exception>
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride = 1, ConvPadding padding = default, int dilation = 1,
        int groups = 1, bool bias = true, Generator? generator = null, DType dtype = DType.Float32)
    {
        const string who = "Conv1d";
        ConvChecks.RequireChannelCounts(who, inChannels, outChannels, groups);
        ConvChecks.RequireKernelStrideDilation(who, kernelSize, stride, dilation);
        if (padding.Mode is null && padding.Height != padding.Width)
            throw new ArgumentException($"{who}: padding must be one number, \"same\" or \"valid\", got {padding}.");
        ConvChecks.RequireValidPadding(who, padding, stride);
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        Dilation = dilation;
        Groups = groups;
        Weight = RegisterParameter("weight", Tensor.Zeros([outChannels, inChannels / groups, kernelSize], dtype));
        if (ConvInit.InitializeWeightAndBias(Weight, bias, outChannels, generator) is { } initialBias)
            Bias = RegisterParameter("bias", initialBias);
    }

    /// <summary>C of the input.</summary>
    public int InChannels { get; }

    /// <summary>C of the output (the number of filters).</summary>
    public int OutChannels { get; }

    /// <summary>The filter length.</summary>
    public int KernelSize { get; }

    /// <summary>The step of the filter.</summary>
    public int Stride { get; }

    /// <summary>The zero padding at each end, or "same"/"valid".</summary>
    public ConvPadding Padding { get; }

    /// <summary>The spacing between filter taps.</summary>
    public int Dilation { get; }

    /// <summary>The number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>The filters [outChannels, inChannels/groups, k].</summary>
    public Tensor Weight { get; }

    /// <summary>The bias [outChannels], or null when the layer was created without one.</summary>
    public Tensor? Bias { get; }

    /// <summary>Applies the convolution. Shape: [N, inChannels, L] → [N, outChannels, Lout].</summary>
    /// <exception cref="ArgumentException">The input is not 3-D, has another channel count, or is shorter than the kernel after padding.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.Convolution1d($"Conv1d({ExtraRepr()})", input, Weight, Bias, Stride, Padding, Dilation, Groups));

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        ConvRepr.Format(InChannels, OutChannels, $"({KernelSize},)", $"({Stride},)",
            padding: Padding.Mode ?? (Padding.Width != 0 ? $"({Padding.Width},)" : null),
            dilation: Dilation != 1 ? $"({Dilation},)" : null, outputPadding: null, Groups, hasBias: Bias is not null);
}
