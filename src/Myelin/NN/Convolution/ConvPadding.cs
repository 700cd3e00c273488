namespace Myelin.NN;

/// <summary>
/// The padding of a convolution: explicit zero padding per spatial dimension, or one of PyTorch's
/// modes "valid" (no padding) and "same" (the output has the input's size; stride 1 only).
/// An <see cref="int"/>, a tuple (h, w) and the strings "same" and "valid" convert to it, so
/// <c>padding: 1</c>, <c>padding: (1, 2)</c> and <c>padding: "same"</c> all work.
/// </summary>
/// <remarks>
/// "same" pads dilation·(kernel − 1) in total along each dimension, half before and the rest after, so an
/// even kernel gets one more row (column) of padding at the bottom (right), exactly like PyTorch.
/// </remarks>
public readonly struct ConvPadding
{
    ConvPadding(int height, int width, string? mode)
    {
        Height = height;
        Width = width;
        Mode = mode;
    }

    /// <summary>The explicit padding above and below (zero for a mode).</summary>
    public int Height { get; }

    /// <summary>The explicit padding left and right (zero for a mode).</summary>
    public int Width { get; }

    /// <summary>"same" or "valid" (or the unrecognised string given), or null for explicit sizes.</summary>
    public string? Mode { get; }

    /// <summary>PyTorch's "same" padding: the output keeps the input's spatial size (stride 1 only).</summary>
    public static ConvPadding Same => new(0, 0, "same");

    /// <summary>PyTorch's "valid" padding: none.</summary>
    public static ConvPadding Valid => new(0, 0, "valid");

    /// <summary>The same padding on every side.</summary>
    public static implicit operator ConvPadding(int padding) => new(padding, padding, null);

    /// <summary>Padding (height, width): rows above and below, columns left and right.</summary>
    public static implicit operator ConvPadding((int Height, int Width) padding) => new(padding.Height, padding.Width, null);

    /// <summary>"same" or "valid"; another string is rejected by the layer that receives it.</summary>
    public static implicit operator ConvPadding(string mode) => new(0, 0, mode ?? throw new ArgumentNullException(nameof(mode)));

    /// <summary>As PyTorch prints it: "(1, 2)" or "same".</summary>
    public override string ToString() => Mode ?? $"({Height}, {Width})";
}
