namespace Myelin.NN;

/// <summary>
/// Argument checks and shape arithmetic shared by the convolution and pooling layers and their
/// functional forms. Every message starts with <c>who</c>: the layer as it prints (e.g.
/// "Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1))") or the function name.
/// </summary>
internal static class ConvChecks
{
    /// <summary>Rejects anything but [N, C, H, W], suggesting the fix for the usual mistakes.</summary>
    public static void RequireImageBatch(string who, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 4) return;
        string hint = input.Rank switch
        {
            3 => " For a single image [C, H, W] add the batch dimension with x.Unsqueeze(0); " +
                 "for a batch of single-channel images [N, H, W] add the channel dimension with x.Unsqueeze(1).",
            2 => " For one single-channel image [H, W] use x.Reshape(1, 1, H, W).",
            _ => "",
        };
        throw new ArgumentException(
            $"{who}: expected a 4-D input [N, C, H, W], got {input.Rank}-D shape {Module.FormatShape(input.Shape)}.{hint}");
    }

    /// <summary>Rejects anything but [N, C, L], suggesting the fix for the usual mistakes.</summary>
    public static void RequireSequenceBatch(string who, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 3) return;
        string hint = input.Rank == 2
            ? " For a single sequence [C, L] add the batch dimension with x.Unsqueeze(0); " +
              "for a batch of single-channel sequences [N, L] add the channel dimension with x.Unsqueeze(1)."
            : "";
        throw new ArgumentException(
            $"{who}: expected a 3-D input [N, C, L], got {input.Rank}-D shape {Module.FormatShape(input.Shape)}.{hint}");
    }

    /// <summary>Rejects an input whose dimension 1 is not <paramref name="expected"/>.</summary>
    public static void RequireChannels(string who, Tensor input, int expected, string layout)
    {
        int actual = input.Size(1);
        if (actual != expected)
            throw new ArgumentException(
                $"{who}: expected input with {expected} channel{(expected == 1 ? "" : "s")} (dimension 1 of {layout}), " +
                $"got {actual} in input of shape {Module.FormatShape(input.Shape)}.");
    }

    /// <summary>
    /// The checks every convolution layer's constructor starts with: positive channel counts and a number of
    /// groups that divides both.
    /// </summary>
    public static void RequireChannelCounts(string who, int inChannels, int outChannels, int groups)
    {
        if (inChannels <= 0 || outChannels <= 0)
            throw new ArgumentException($"{who}: in_channels and out_channels must be positive, got {inChannels} and {outChannels}.");
        RequireGroups(who, inChannels, outChannels, groups);
    }

    /// <summary>Rejects a kernel size, stride or dilation below one.</summary>
    public static void RequireKernelStrideDilation(string who, Size2d kernel, Size2d stride, Size2d dilation)
    {
        RequirePositive(who, "kernel_size", kernel);
        RequirePositive(who, "stride", stride);
        RequirePositive(who, "dilation", dilation);
    }

    /// <summary>Rejects a 1-D kernel size, stride or dilation below one.</summary>
    public static void RequireKernelStrideDilation(string who, int kernel, int stride, int dilation)
    {
        RequirePositive(who, "kernel_size", kernel);
        RequirePositive(who, "stride", stride);
        RequirePositive(who, "dilation", dilation);
    }

    public static void RequirePositive(string who, string name, int value)
    {
        if (value <= 0)
            throw new ArgumentException($"{who}: {name} must be positive, got {value}.");
    }

    public static void RequirePositive(string who, string name, Size2d value)
    {
        if (value.Height <= 0 || value.Width <= 0)
            throw new ArgumentException($"{who}: {name} must be positive, got {value.ToTupleString()}.");
    }

    public static void RequireNonNegative(string who, string name, Size2d value)
    {
        if (value.Height < 0 || value.Width < 0)
            throw new ArgumentException($"{who}: {name} must be non-negative, got {value.ToTupleString()}.");
    }

    public static void RequireGroups(string who, int inChannels, int outChannels, int groups)
    {
        if (groups <= 0)
            throw new ArgumentException($"{who}: groups must be positive, got {groups}.");
        if (inChannels % groups != 0)
            throw new ArgumentException($"{who}: in_channels ({inChannels}) must be divisible by groups ({groups}).");
        if (outChannels % groups != 0)
            throw new ArgumentException($"{who}: out_channels ({outChannels}) must be divisible by groups ({groups}).");
    }

    /// <summary>Checks a convolution padding: a known mode, "same" only with stride 1, explicit sizes non-negative.</summary>
    public static void RequireValidPadding(string who, ConvPadding padding, Size2d stride)
    {
        switch (padding.Mode)
        {
            case null:
                RequireNonNegative(who, "padding", (padding.Height, padding.Width));
                break;
            case "valid":
                break;
            case "same":
                if (stride.Height != 1 || stride.Width != 1)
                    throw new ArgumentException(
                        $"{who}: padding=\"same\" needs stride 1 (PyTorch does not support it for strided convolutions), got stride {stride.ToTupleString()}.");
                break;
            default:
                throw new ArgumentException($"{who}: padding must be sizes, \"same\" or \"valid\", got \"{padding.Mode}\".");
        }
    }

    /// <summary>
    /// The padding before the first row and column: half of dilation·(kernel − 1) for "same" (the rest
    /// goes after), zero for "valid", the given sizes otherwise.
    /// </summary>
    public static (int Top, int Left) LeadingPadding(ConvPadding padding, Size2d kernel, Size2d dilation) => padding.Mode switch
    {
        "same" => (dilation.Height * (kernel.Height - 1) / 2, dilation.Width * (kernel.Width - 1) / 2),
        "valid" => (0, 0),
        _ => (padding.Height, padding.Width),
    };

    /// <summary>A pooling padding may be at most half the window, as in PyTorch.</summary>
    public static void RequirePoolingPadding(string who, Size2d padding, Size2d kernel)
    {
        RequireNonNegative(who, "padding", padding);
        if (padding.Height > kernel.Height / 2 || padding.Width > kernel.Width / 2)
            throw new ArgumentException(
                $"{who}: padding should be at most half of the kernel size, got padding {padding.ToTupleString()} for kernel {kernel.ToTupleString()}.");
    }

    /// <summary>
    /// PyTorch's pooling output size: ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1, rounding up
    /// instead in ceil mode, where a last window that would start in the bottom/right padding is dropped.
    /// </summary>
    public static int PoolingOutputSize(int size, int kernel, int padding, int stride, int dilation, bool ceilMode)
    {
        int span = size + 2 * padding - dilation * (kernel - 1) - 1;
        int output = FloorDivide(ceilMode ? span + stride - 1 : span, stride) + 1;
        if (ceilMode && (output - 1) * stride >= size + padding) output--;
        return output;
    }

    static int FloorDivide(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    /// <summary>
    /// Says that a kernel (window) does not fit: "the kernel (5, 5) with dilation (1, 1) spans 5×5, larger than the
    /// padded input 4×8 in height (input shape [1, 1, 2, 6], padding (1, 1))".
    /// </summary>
    public static ArgumentException KernelTooLarge(string who, string what, Size2d kernel, Size2d dilation, Tensor input, Size2d padding)
    {
        int spanHeight = dilation.Height * (kernel.Height - 1) + 1, spanWidth = dilation.Width * (kernel.Width - 1) + 1;
        int paddedHeight = input.Size(2) + 2 * padding.Height, paddedWidth = input.Size(3) + 2 * padding.Width;
        string where = (spanHeight > paddedHeight, spanWidth > paddedWidth) switch
        {
            (true, true) => "in height and width",
            (true, false) => "in height",
            _ => "in width",
        };
        return new ArgumentException(
            $"{who}: the {what} {kernel.ToTupleString()} with dilation {dilation.ToTupleString()} spans {spanHeight}×{spanWidth}, " +
            $"larger than the padded input {paddedHeight}×{paddedWidth} {where} " +
            $"(input shape {Module.FormatShape(input.Shape)}, padding {padding.ToTupleString()}).");
    }
}
