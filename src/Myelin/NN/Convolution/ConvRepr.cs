namespace Myelin.NN;

/// <summary>
/// The printed settings of the convolution layers, in PyTorch's order and wording: channels, kernel size and
/// stride always; padding, dilation and output padding only when they differ from their defaults; groups when
/// not 1; "bias=False" for a layer without bias.
/// </summary>
internal static class ConvRepr
{
    /// <summary>
    /// The settings as one line, e.g. "1, 32, kernel_size=(3, 3), stride=(1, 1), padding=same". A null
    /// <paramref name="padding"/>, <paramref name="dilation"/> or <paramref name="outputPadding"/> is left out.
    /// </summary>
    public static string Format(int inChannels, int outChannels, string kernelSize, string stride, string? padding,
        string? dilation, string? outputPadding, int groups, bool hasBias)
    {
        var text = $"{inChannels}, {outChannels}, kernel_size={kernelSize}, stride={stride}";
        if (padding is not null) text += $", padding={padding}";
        if (dilation is not null) text += $", dilation={dilation}";
        if (outputPadding is not null) text += $", output_padding={outputPadding}";
        if (groups != 1) text += $", groups={groups}";
        if (!hasBias) text += ", bias=False";
        return text;
    }

    /// <summary>The size as a Python tuple, or null when both dimensions are <paramref name="defaultValue"/>.</summary>
    public static string? UnlessDefault(Size2d size, int defaultValue) =>
        size.Height == defaultValue && size.Width == defaultValue ? null : size.ToTupleString();
}
