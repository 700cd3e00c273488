using Myelin.Backends.Cpu;

namespace Myelin.NN;

public static partial class F
{
    /// <summary>
    /// Extracts sliding blocks into columns (im2col), like PyTorch's <c>F.unfold</c>; see <see cref="Tensor.Unfold"/>.
    /// Shape: [N, C, H, W] → [N, C·kh·kw, L], L = Hout·Wout with Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1.
    /// </summary>
    /// <param name="input">The images.</param>
    /// <param name="kernelSize">The block size: an int or (kh, kw).</param>
    /// <param name="dilation">The spacing between kernel taps; null for 1.</param>
    /// <param name="padding">Zeros added on each side; 0 by default.</param>
    /// <param name="stride">The step between blocks; null for 1.</param>
    /// <exception cref="ArgumentException">The input is not 4-D, a setting is out of range, or the kernel does not fit.</exception>
    public static Tensor Unfold(Tensor input, Size2d kernelSize, Size2d? dilation = null, Size2d padding = default, Size2d? stride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Unfold(kernelSize.ToTuple(), (dilation ?? 1).ToTuple(), padding.ToTuple(), (stride ?? 1).ToTuple());
    }

    /// <summary>
    /// Sums columns of blocks back into images (col2im), like PyTorch's <c>F.fold</c>: the adjoint of
    /// <see cref="Unfold"/>, overlapping values add up. See <see cref="Tensor.Fold"/>.
    /// Shape: [N, C·kh·kw, L] → [N, C, H, W] with (H, W) = outputSize.
    /// </summary>
    /// <param name="input">The columns.</param>
    /// <param name="outputSize">The image size: an int or (H, W).</param>
    /// <param name="kernelSize">The block size: an int or (kh, kw).</param>
    /// <param name="dilation">The spacing between kernel taps; null for 1.</param>
    /// <param name="padding">The padding the blocks were taken with; 0 by default.</param>
    /// <param name="stride">The step between blocks; null for 1.</param>
    /// <exception cref="ArgumentException">The input is not 3-D, or its sizes do not match the settings.</exception>
    public static Tensor Fold(Tensor input, Size2d outputSize, Size2d kernelSize, Size2d? dilation = null, Size2d padding = default, Size2d? stride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Fold(outputSize.ToTuple(), kernelSize.ToTuple(), (dilation ?? 1).ToTuple(), padding.ToTuple(), (stride ?? 1).ToTuple());
    }

    /// <summary>
    /// 2-D convolution (cross-correlation, as in every deep-learning library):
    /// out[n, o] = bias[o] + Σ over the channels c of o's group and the kernel taps (i, j) of
    /// weight[o, c, i, j] · input[n, c, y·stride + i·dilation − padding, x·stride + j·dilation − padding].
    /// Shape: input [N, Cin, H, W], weight [Cout, Cin/groups, kh, kw], bias [Cout] → output [N, Cout, Hout, Wout] with
    /// Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1 (Wout likewise); "same" gives Hout = H, "valid" padding 0.
    /// </summary>
    /// <remarks>
    /// Computed image by image as unfold (im2col) then a matrix product: weight [Cout, Cin·kh·kw] · columns
    /// [Cin·kh·kw, L] gives the image's [Cout, L], starting from the bias. The columns live in a buffer reused from
    /// image to image, so the [N, Cin·kh·kw, L] column matrix of the whole batch is never built; the backward pass
    /// unfolds each image again. With groups each group of output channels multiplies its own rows of the columns.
    /// </remarks>
    /// <param name="input">The images.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">A per-output-channel bias, or null.</param>
    /// <param name="stride">The step of the kernel: an int or (sh, sw); null for 1.</param>
    /// <param name="padding">Zero padding: an int, (ph, pw), "same" or "valid"; 0 by default.</param>
    /// <param name="dilation">The spacing between kernel taps; null for 1.</param>
    /// <param name="groups">Splits the channels into this many independent convolutions.</param>
    /// <exception cref="ArgumentException">Wrong ranks, channel counts or settings, or the kernel is larger than the padded input.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, Size2d? stride = null, ConvPadding padding = default,
        Size2d? dilation = null, int groups = 1) =>
        Convolution2d("Conv2d", input, weight, bias, stride ?? 1, padding, dilation ?? 1, groups);

    internal static Tensor Convolution2d(string who, Tensor input, Tensor weight, Tensor? bias, Size2d stride, ConvPadding padding,
        Size2d dilation, int groups)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ConvChecks.RequireImageBatch(who, input);
        input.RequireFloat(who);
        if (weight.Rank != 4)
            throw new ArgumentException(
                $"{who}: the weight must be 4-D [out_channels, in_channels/groups, kh, kw], got shape {Module.FormatShape(weight.Shape)}.");
        int outChannels = weight.Size(0);
        ConvChecks.RequireGroups(who, weight.Size(1) * groups, outChannels, groups);
        ConvChecks.RequireChannels(who, input, weight.Size(1) * groups, "[N, C, H, W]");
        CheckBias(who, bias, outChannels);
        ConvChecks.RequirePositive(who, "stride", stride);
        ConvChecks.RequirePositive(who, "dilation", dilation);
        ConvChecks.RequireValidPadding(who, padding, stride);

        Size2d kernel = (weight.Size(2), weight.Size(3));
        int height = input.Size(2), width = input.Size(3);
        var (top, left) = ConvChecks.LeadingPadding(padding, kernel, dilation);
        int outHeight = padding.Mode == "same" ? height : UnfoldGeometry.BlockCount(height, kernel.Height, dilation.Height, top, stride.Height);
        int outWidth = padding.Mode == "same" ? width : UnfoldGeometry.BlockCount(width, kernel.Width, dilation.Width, left, stride.Width);
        if (outHeight <= 0 || outWidth <= 0)
            throw ConvChecks.KernelTooLarge(who, "kernel", kernel, dilation, input, (top, left));

        // "same" with an even total puts the extra row/column after: the blocks simply run past the bottom/right edge.
        var geometry = new UnfoldGeometry(input.Size(1), height, width, kernel.Height, kernel.Width, dilation.Height, dilation.Width,
            top, left, stride.Height, stride.Width, outHeight, outWidth);
        return Tensor.Conv2dBlocks(input, weight, bias, geometry, groups);
    }

    /// <summary>
    /// 1-D convolution over sequences, computed as a 2-D convolution with height 1.
    /// Shape: input [N, Cin, L], weight [Cout, Cin/groups, k], bias [Cout] → output [N, Cout, Lout] with
    /// Lout = ⌊(L + 2·padding − dilation·(k − 1) − 1) / stride⌋ + 1; "same" gives Lout = L.
    /// </summary>
    /// <param name="input">The sequences.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">A per-output-channel bias, or null.</param>
    /// <param name="stride">The step of the kernel.</param>
    /// <param name="padding">Zero padding: an int, "same" or "valid"; 0 by default.</param>
    /// <param name="dilation">The spacing between kernel taps.</param>
    /// <param name="groups">Splits the channels into this many independent convolutions.</param>
    /// <exception cref="ArgumentException">Wrong ranks, channel counts or settings, or the kernel is longer than the padded input.</exception>
    public static Tensor Conv1d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, ConvPadding padding = default,
        int dilation = 1, int groups = 1) =>
        Convolution1d("Conv1d", input, weight, bias, stride, padding, dilation, groups);

    internal static Tensor Convolution1d(string who, Tensor input, Tensor weight, Tensor? bias, int stride, ConvPadding padding,
        int dilation, int groups)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ConvChecks.RequireSequenceBatch(who, input);
        if (weight.Rank != 3)
            throw new ArgumentException(
                $"{who}: the weight must be 3-D [out_channels, in_channels/groups, k], got shape {Module.FormatShape(weight.Shape)}.");
        ConvChecks.RequireGroups(who, weight.Size(1) * groups, weight.Size(0), groups);
        ConvChecks.RequireChannels(who, input, weight.Size(1) * groups, "[N, C, L]");
        if (stride <= 0) throw new ArgumentException($"{who}: stride must be positive, got {stride}.");
        if (dilation <= 0) throw new ArgumentException($"{who}: dilation must be positive, got {dilation}.");
        if (padding.Mode is null && padding.Height != padding.Width)
            throw new ArgumentException($"{who}: padding must be one number, \"same\" or \"valid\" for a 1-D convolution, got {padding}.");
        ConvChecks.RequireValidPadding(who, padding, stride);
        int length = input.Size(2), kernel = weight.Size(2), pad = padding.Mode is null ? padding.Width : 0;
        if (padding.Mode != "same" && UnfoldGeometry.BlockCount(length, kernel, dilation, pad, stride) <= 0)
            throw new ArgumentException(
                $"{who}: the kernel of size {kernel} with dilation {dilation} spans {dilation * (kernel - 1) + 1}, " +
                $"longer than the padded input {length + 2 * pad} (input shape {Module.FormatShape(input.Shape)}, padding {pad}).");
        ConvPadding padding2d = padding.Mode is null ? (0, pad) : padding;
        return Convolution2d(who, input.Unsqueeze(2), weight.Unsqueeze(2), bias, (1, stride), padding2d, (1, dilation), groups).Squeeze(2);
    }

    /// <summary>
    /// 2-D transposed convolution (sometimes called deconvolution): the adjoint of <see cref="Conv2d"/> with the
    /// same settings, so it maps a Conv2d output size back to its input size. Each input pixel scatters
    /// weight[c, o] scaled by its value into the output, and overlaps add up.
    /// Shape: input [N, Cin, H, W], weight [Cin, Cout/groups, kh, kw], bias [Cout] → output [N, Cout, Hout, Wout] with
    /// Hout = (H − 1)·stride − 2·padding + dilation·(kh − 1) + outputPadding + 1 (Wout likewise).
    /// </summary>
    /// <remarks>
    /// Computed as one matrix product, weightᵀ [Cout·kh·kw, Cin] · input [N, Cin, H·W] (per group), then
    /// <see cref="Tensor.Fold"/> (col2im) into the output. outputPadding adds rows and columns at the bottom and right
    /// only, to pick one of the input sizes a strided Conv2d maps to the same output size.
    /// </remarks>
    /// <param name="input">The feature maps.</param>
    /// <param name="weight">The filters, laid out [in, out/groups, kh, kw] as in PyTorch.</param>
    /// <param name="bias">A per-output-channel bias, or null.</param>
    /// <param name="stride">The stride of the Conv2d this inverts; null for 1.</param>
    /// <param name="padding">The padding of that Conv2d: removed from the output's borders; 0 by default.</param>
    /// <param name="outputPadding">Extra size at the bottom and right; must be smaller than stride or dilation.</param>
    /// <param name="groups">Splits the channels into this many independent convolutions.</param>
    /// <param name="dilation">The spacing between kernel taps; null for 1.</param>
    /// <exception cref="ArgumentException">Wrong ranks, channel counts or settings, or a non-positive output size.</exception>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, Size2d? stride = null, Size2d padding = default,
        Size2d outputPadding = default, int groups = 1, Size2d? dilation = null) =>
        ConvolutionTranspose2d("ConvTranspose2d", input, weight, bias, stride ?? 1, padding, outputPadding, groups, dilation ?? 1);

    internal static Tensor ConvolutionTranspose2d(string who, Tensor input, Tensor weight, Tensor? bias, Size2d stride, Size2d padding,
        Size2d outputPadding, int groups, Size2d dilation)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ConvChecks.RequireImageBatch(who, input);
        input.RequireFloat(who);
        if (weight.Rank != 4)
            throw new ArgumentException(
                $"{who}: the weight must be 4-D [in_channels, out_channels/groups, kh, kw], got shape {Module.FormatShape(weight.Shape)}.");
        int inChannels = weight.Size(0), outChannels = weight.Size(1) * groups;
        ConvChecks.RequireGroups(who, inChannels, outChannels, groups);
        ConvChecks.RequireChannels(who, input, inChannels, "[N, C, H, W]");
        CheckBias(who, bias, outChannels);
        ConvChecks.RequirePositive(who, "stride", stride);
        ConvChecks.RequirePositive(who, "dilation", dilation);
        ConvChecks.RequireNonNegative(who, "padding", padding);
        CheckOutputPadding(who, outputPadding, stride, dilation);

        Size2d kernel = (weight.Size(2), weight.Size(3));
        int batch = input.Size(0), height = input.Size(2), width = input.Size(3);
        int outHeight = (height - 1) * stride.Height - 2 * padding.Height + dilation.Height * (kernel.Height - 1) + outputPadding.Height + 1;
        int outWidth = (width - 1) * stride.Width - 2 * padding.Width + dilation.Width * (kernel.Width - 1) + outputPadding.Width + 1;
        if (outHeight <= 0 || outWidth <= 0)
            throw new ArgumentException(
                $"{who}: the output size would be {outHeight}×{outWidth} for input shape {Module.FormatShape(input.Shape)}, " +
                $"kernel {kernel.ToTupleString()}, stride {stride.ToTupleString()}, padding {padding.ToTupleString()}; reduce the padding.");

        int taps = kernel.Height * kernel.Width, pixels = height * width;
        var flatInput = input.Reshape(batch, inChannels, pixels);
        var columns = groups == 1
            ? weight.Reshape(inChannels, outChannels * taps).T.MatMul(flatInput)                  // [N, Cout·kh·kw, H·W]
            : weight.Reshape(groups, inChannels / groups, outChannels / groups * taps).MT
                .MatMul(flatInput.Reshape(batch, groups, inChannels / groups, pixels))             // [N, groups, Cout/groups·kh·kw, H·W]
                .Reshape(batch, outChannels * taps, pixels);
        // The input pixels are the block positions of the matching Conv2d; blocks that reach into the
        // padding (or past the output-padded edge) drop those values.
        var geometry = new UnfoldGeometry(outChannels, outHeight, outWidth, kernel.Height, kernel.Width, dilation.Height, dilation.Width,
            padding.Height, padding.Width, stride.Height, stride.Width, height, width);
        var output = columns.FoldBlocks(geometry);
        return bias is null ? output : output + bias.Reshape(outChannels, 1, 1);
    }

    internal static void CheckOutputPadding(string who, Size2d outputPadding, Size2d stride, Size2d dilation)
    {
        ConvChecks.RequireNonNegative(who, "output_padding", outputPadding);
        if (outputPadding.Height >= Math.Max(stride.Height, dilation.Height) || outputPadding.Width >= Math.Max(stride.Width, dilation.Width))
            throw new ArgumentException(
                $"{who}: output_padding {outputPadding.ToTupleString()} must be smaller than either stride {stride.ToTupleString()} " +
                $"or dilation {dilation.ToTupleString()} in each dimension.");
    }

    static void CheckBias(string who, Tensor? bias, int outChannels)
    {
        if (bias is not null && (bias.Rank != 1 || bias.Size(0) != outChannels))
            throw new ArgumentException(
                $"{who}: the bias must have shape [{outChannels}] (one per output channel), got {Module.FormatShape(bias.Shape)}.");
    }

    /// <summary>
    /// 2-D max pooling: the largest value in each window. Padding counts as −∞ (it is never chosen).
    /// Shape: [N, C, H, W] → [N, C, Hout, Wout] with Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1,
    /// rounded up instead in ceil mode (a last window that would start in the padding is dropped).
    /// </summary>
    /// <remarks>
    /// Computed in one pass that finds each window's maximum and remembers where it is; the gradient goes to that
    /// element. As in PyTorch, among tied maxima the first (in row-major order) gets all of it, and a NaN in a
    /// window is its maximum.
    /// </remarks>
    /// <param name="input">The feature maps.</param>
    /// <param name="kernelSize">The window: an int or (kh, kw).</param>
    /// <param name="stride">The step between windows; null for the window size.</param>
    /// <param name="padding">−∞ padding on each side, at most half the window; 0 by default.</param>
    /// <param name="dilation">The spacing between window elements; null for 1.</param>
    /// <param name="ceilMode">Round the output size up, so the windows cover the whole input.</param>
    /// <exception cref="ArgumentException">The input is not 4-D, a setting is out of range, or the window is larger than the padded input.</exception>
    public static Tensor MaxPool2d(Tensor input, Size2d kernelSize, Size2d? stride = null, Size2d padding = default, Size2d? dilation = null,
        bool ceilMode = false) =>
        MaxPooling2d("MaxPool2d", input, kernelSize, stride ?? kernelSize, padding, dilation ?? 1, ceilMode);

    internal static Tensor MaxPooling2d(string who, Tensor input, Size2d kernel, Size2d stride, Size2d padding, Size2d dilation, bool ceilMode)
    {
        CheckPooling(who, input, kernel, stride, padding, dilation);
        var (geometry, _, _) = PoolingGeometry(who, input, kernel, stride, padding, dilation, ceilMode);
        return input.MaxPool2dBlocks(geometry);
    }

    /// <summary>
    /// 2-D average pooling: the mean of each window. By default (countIncludePad) zero padding counts in the
    /// divisor, as in PyTorch; windows that reach past the padding in ceil mode are divided by the part inside it.
    /// Shape: [N, C, H, W] → [N, C, Hout, Wout] with Hout = ⌊(H + 2·padding − kh) / stride⌋ + 1, rounded up in ceil mode.
    /// </summary>
    /// <param name="input">The feature maps.</param>
    /// <param name="kernelSize">The window: an int or (kh, kw).</param>
    /// <param name="stride">The step between windows; null for the window size.</param>
    /// <param name="padding">Zero padding on each side, at most half the window; 0 by default.</param>
    /// <param name="ceilMode">Round the output size up, so the windows cover the whole input.</param>
    /// <param name="countIncludePad">Count the zero padding in the divisor (PyTorch's default), or only the input elements.</param>
    /// <param name="divisorOverride">Divide every window sum by this instead.</param>
    /// <exception cref="ArgumentException">The input is not 4-D, a setting is out of range, or the window is larger than the padded input.</exception>
    public static Tensor AvgPool2d(Tensor input, Size2d kernelSize, Size2d? stride = null, Size2d padding = default, bool ceilMode = false,
        bool countIncludePad = true, int? divisorOverride = null) =>
        AveragePooling2d("AvgPool2d", input, kernelSize, stride ?? kernelSize, padding, ceilMode, countIncludePad, divisorOverride);

    internal static Tensor AveragePooling2d(string who, Tensor input, Size2d kernel, Size2d stride, Size2d padding, bool ceilMode,
        bool countIncludePad, int? divisorOverride)
    {
        CheckPooling(who, input, kernel, stride, padding, 1);
        if (divisorOverride == 0)
            throw new ArgumentException($"{who}: divisor_override must not be zero.");
        var (geometry, batch, channels) = PoolingGeometry(who, input, kernel, stride, padding, 1, ceilMode);
        var sums = input.Reshape(batch * channels, 1, geometry.Height, geometry.Width)
            .UnfoldBlocks(geometry, 0)                                              // [N·C, kh·kw, L]
            .Sum(1);                                                                // [N·C, L]
        var averages = divisorOverride is int divisor
            ? sums / divisor
            : sums / AveragingDivisors(geometry, countIncludePad, input.DType);
        return averages.Reshape(batch, channels, geometry.BlocksHigh, geometry.BlocksWide);
    }

    /// <summary>
    /// PyTorch's divisor for each window: the window clipped to the padded input (countIncludePad), or
    /// to the input itself; 1 for a window with no input element (its sum is 0).
    /// </summary>
    static Tensor AveragingDivisors(UnfoldGeometry g, bool countIncludePad, DType dtype)
    {
        var divisors = new double[g.Blocks];
        for (int oh = 0; oh < g.BlocksHigh; oh++)
        {
            var (rows, inputRows) = WindowExtent(oh, g.StrideHeight, g.PadTop, g.KernelHeight, g.Height);
            for (int ow = 0; ow < g.BlocksWide; ow++)
            {
                var (columns, inputColumns) = WindowExtent(ow, g.StrideWidth, g.PadLeft, g.KernelWidth, g.Width);
                int count = countIncludePad ? rows * columns : inputRows * inputColumns;
                divisors[oh * g.BlocksWide + ow] = count > 0 ? count : 1;
            }
        }
        return Tensor.FromArray(divisors, g.Blocks).To(dtype);
    }

    /// <summary>How many rows of window <paramref name="index"/> lie in the padded input, and how many in the input itself.</summary>
    static (int Padded, int Inside) WindowExtent(int index, int stride, int padding, int kernel, int size)
    {
        int start = index * stride - padding;
        int end = Math.Min(start + kernel, size + padding);
        int padded = end - start;
        return (padded, Math.Max(0, Math.Min(end, size) - Math.Max(start, 0)));
    }

    static void CheckPooling(string who, Tensor input, Size2d kernel, Size2d stride, Size2d padding, Size2d dilation)
    {
        ConvChecks.RequireImageBatch(who, input);
        input.RequireFloat(who);
        ConvChecks.RequirePositive(who, "kernel_size", kernel);
        ConvChecks.RequirePositive(who, "stride", stride);
        ConvChecks.RequirePositive(who, "dilation", dilation);
        ConvChecks.RequirePoolingPadding(who, padding, kernel);
    }

    static (UnfoldGeometry Geometry, int Batch, int Channels) PoolingGeometry(string who, Tensor input, Size2d kernel, Size2d stride,
        Size2d padding, Size2d dilation, bool ceilMode)
    {
        int batch = input.Size(0), channels = input.Size(1), height = input.Size(2), width = input.Size(3);
        int outHeight = ConvChecks.PoolingOutputSize(height, kernel.Height, padding.Height, stride.Height, dilation.Height, ceilMode);
        int outWidth = ConvChecks.PoolingOutputSize(width, kernel.Width, padding.Width, stride.Width, dilation.Width, ceilMode);
        if (outHeight <= 0 || outWidth <= 0)
            throw ConvChecks.KernelTooLarge(who, "window", kernel, dilation, input, padding);
        // One channel at a time: the batch and channel dimensions fold into one batch of single-channel images.
        var geometry = new UnfoldGeometry(1, height, width, kernel.Height, kernel.Width, dilation.Height, dilation.Width,
            padding.Height, padding.Width, stride.Height, stride.Width, outHeight, outWidth);
        return (geometry, batch, channels);
    }

    /// <summary>
    /// Adaptive 2-D average pooling: the output has the requested size whatever the input size. Output cell i
    /// (along the height) averages input rows ⌊i·H/Hout⌋ to ⌈(i + 1)·H/Hout⌉ − 1, PyTorch's rule, so windows may
    /// overlap and differ in size when H is not a multiple of Hout.
    /// Shape: [N, C, H, W] → [N, C, Hout, Wout] with (Hout, Wout) = outputSize.
    /// </summary>
    /// <remarks>
    /// Averaging along one dimension is a matrix product with an [Hout, H] matrix of window weights, so the whole
    /// pooling is rows · input · columnsᵀ.
    /// </remarks>
    /// <param name="input">The feature maps.</param>
    /// <param name="outputSize">The output size: an int or (Hout, Wout).</param>
    /// <exception cref="ArgumentException">The input is not 4-D or has an empty spatial dimension, or the output size is not positive.</exception>
    public static Tensor AdaptiveAvgPool2d(Tensor input, Size2d outputSize) => AdaptiveAveragePooling2d("AdaptiveAvgPool2d", input, outputSize);

    internal static Tensor AdaptiveAveragePooling2d(string who, Tensor input, Size2d outputSize)
    {
        ConvChecks.RequireImageBatch(who, input);
        input.RequireFloat(who);
        ConvChecks.RequirePositive(who, "output_size", outputSize);
        int height = input.Size(2), width = input.Size(3);
        if (height == 0 || width == 0)
            throw new ArgumentException($"{who}: the input's height and width must be non-zero, got shape {Module.FormatShape(input.Shape)}.");
        if (outputSize.Height == 1 && outputSize.Width == 1) return input.Mean([2, 3], keepDim: true);
        var rows = AveragingMatrix(height, outputSize.Height, input.DType);      // [Hout, H]
        var columns = AveragingMatrix(width, outputSize.Width, input.DType);     // [Wout, W]
        return rows.MatMul(input).MatMul(columns.T);
    }

    /// <summary>[outputSize, inputSize]: row i holds 1/count over PyTorch's adaptive window i.</summary>
    static Tensor AveragingMatrix(int inputSize, int outputSize, DType dtype)
    {
        var weights = new double[outputSize * inputSize];
        for (int i = 0; i < outputSize; i++)
        {
            int start = (int)((long)i * inputSize / outputSize);
            int end = (int)(((long)(i + 1) * inputSize + outputSize - 1) / outputSize);
            for (int j = start; j < end; j++) weights[i * inputSize + j] = 1.0 / (end - start);
        }
        return Tensor.FromArray(weights, outputSize, inputSize).To(dtype);
    }

    /// <summary>
    /// Channel dropout: while <paramref name="training"/>, zeroes each whole channel of each sample with probability
    /// <paramref name="p"/> and scales the kept ones by 1/(1 − p); otherwise returns the input. Neighbouring pixels are
    /// strongly correlated, so dropping single pixels would regularise little.
    /// Shape: [N, C, H, W], unchanged.
    /// </summary>
    /// <param name="input">The feature maps.</param>
    /// <param name="p">The probability of zeroing a channel, in [0, 1).</param>
    /// <param name="training">False gives the identity (evaluation mode).</param>
    /// <param name="generator">Draws the mask; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentException">The input is not 4-D.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public static Tensor Dropout2d(Tensor input, double p = 0.5, bool training = true, Generator? generator = null) =>
        ChannelDropout("Dropout2d", input, p, training, generator);

    internal static Tensor ChannelDropout(string who, Tensor input, double p, bool training, Generator? generator)
    {
        ConvChecks.RequireImageBatch(who, input);
        CheckDropoutProbability(p, who);
        if (!training || p == 0) return input;
        input.RequireFloat(who);
        var keep = Tensor.Bernoulli([input.Size(0), input.Size(1), 1, 1], 1 - p, generator, input.DType);
        return input * (keep * (1 / (1 - p)));
    }

    /// <summary>
    /// Resizes images by nearest-neighbour sampling (PyTorch's <c>F.interpolate</c> with mode "nearest"): output
    /// pixel (y, x) copies input pixel (⌊y·scale⌋, ⌊x·scale⌋) with scale = 1/scaleFactor, or input size / output size
    /// when a size is given. Give exactly one of <paramref name="size"/> and <paramref name="scaleFactor"/>.
    /// Shape: [N, C, H, W] → [N, C, Hout, Wout] with (Hout, Wout) = size, or (⌊H·scaleFactor⌋, ⌊W·scaleFactor⌋).
    /// </summary>
    /// <remarks>The source index is computed in single precision, as PyTorch does, so non-integer factors pick the same pixels.</remarks>
    /// <param name="input">The images.</param>
    /// <param name="size">The output size: an int or (Hout, Wout).</param>
    /// <param name="scaleFactor">The factor by which height and width grow (or shrink, below 1).</param>
    /// <param name="mode">"nearest", the only mode supported.</param>
    /// <exception cref="ArgumentException">The input is not 4-D, both or neither of size and scaleFactor are given, one is not positive, or the mode is not "nearest".</exception>
    public static Tensor Interpolate(Tensor input, Size2d? size = null, double? scaleFactor = null, string mode = "nearest") =>
        NearestInterpolation("Interpolate", input, size, scaleFactor, mode);

    internal static Tensor NearestInterpolation(string who, Tensor input, Size2d? size, double? scaleFactor, string mode)
    {
        CheckInterpolation(who, size, scaleFactor, mode);
        ConvChecks.RequireImageBatch(who, input);
        int height = input.Size(2), width = input.Size(3);
        int outHeight = size?.Height ?? (int)Math.Floor(height * scaleFactor!.Value);
        int outWidth = size?.Width ?? (int)Math.Floor(width * scaleFactor!.Value);
        if (outHeight <= 0 || outWidth <= 0)
            throw new ArgumentException(
                $"{who}: the output size {outHeight}×{outWidth} for input shape {Module.FormatShape(input.Shape)} and scale factor {scaleFactor} is not positive.");
        var output = input;
        if (outHeight != height) output = output.IndexSelect(2, NearestSources(height, outHeight, scaleFactor));
        if (outWidth != width) output = output.IndexSelect(3, NearestSources(width, outWidth, scaleFactor));
        return output;
    }

    internal static void CheckInterpolation(string who, Size2d? size, double? scaleFactor, string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (mode != "nearest")
            throw new ArgumentException($"{who}: mode \"{mode}\" is not supported; only \"nearest\" is.");
        if ((size is null) == (scaleFactor is null))
            throw new ArgumentException($"{who}: give exactly one of size and scaleFactor.");
        if (size is Size2d s) ConvChecks.RequirePositive(who, "size", s);
        if (scaleFactor is double f && !(f > 0 && double.IsFinite(f)))
            throw new ArgumentException($"{who}: scaleFactor must be positive and finite, got {f}.");
    }

    /// <summary>The input index each output index copies, computed as PyTorch's nearest mode does (in float).</summary>
    static Tensor NearestSources(int inputSize, int outputSize, double? scaleFactor)
    {
        float scale = scaleFactor is double f ? (float)(1.0 / f) : (float)inputSize / outputSize;
        var sources = new long[outputSize];
        for (int i = 0; i < outputSize; i++)
            sources[i] = outputSize == 2 * inputSize ? i >> 1 : Math.Min((long)MathF.Floor(i * scale), inputSize - 1);
        return Tensor.FromArray(sources, outputSize);
    }
}
