using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>
    /// Extracts the sliding blocks of a batch of images into columns (im2col), exactly like PyTorch's
    /// <c>torch.nn.functional.unfold</c>: column l of sample n holds the C·kh·kw values under the kernel at
    /// block position l, ordered by channel, then kernel row, then kernel column. Positions in the
    /// padding read 0. Convolution is this followed by a matrix product with the flattened weight.
    /// Shape: [N, C, H, W] → [N, C·kh·kw, L] with L = Hout·Wout and
    /// Hout = ⌊(H + 2·padding − dilation·(kh − 1) − 1) / stride⌋ + 1 (the same for Wout with the widths).
    /// </summary>
    /// <remarks>
    /// Not to be confused with PyTorch's <c>Tensor.unfold(dimension, size, step)</c>, which makes a
    /// strided view along one dimension. The derivative of unfold is <see cref="Fold"/> with the same
    /// settings (overlapping blocks add up their gradients).
    /// </remarks>
    /// <param name="kernelSize">The block size (kh, kw).</param>
    /// <param name="dilation">The spacing between kernel taps; (1, 1) for a dense kernel.</param>
    /// <param name="padding">Zero rows added above and below, zero columns left and right.</param>
    /// <param name="stride">The step between neighbouring blocks.</param>
    /// <exception cref="ArgumentException">The input is not a 4-D floating-point tensor, a setting is out of range, or the kernel does not fit in the padded input.</exception>
    public Tensor Unfold((int Height, int Width) kernelSize, (int Height, int Width) dilation,
        (int Height, int Width) padding, (int Height, int Width) stride)
    {
        const string op = "Unfold";
        if (Rank != 4)
            throw new ArgumentException($"{op}: expected a 4-D input [N, C, H, W], got shape {Layout.Format(shape)}.");
        CheckBlockSettings(op, kernelSize, dilation, padding, stride);
        int height = shape[2], width = shape[3];
        int blocksHigh = UnfoldGeometry.BlockCount(height, kernelSize.Height, dilation.Height, padding.Height, stride.Height);
        int blocksWide = UnfoldGeometry.BlockCount(width, kernelSize.Width, dilation.Width, padding.Width, stride.Width);
        if (blocksHigh <= 0 || blocksWide <= 0)
            throw new ArgumentException(
                $"{op}: the kernel {kernelSize} with dilation {dilation} spans " +
                $"({dilation.Height * (kernelSize.Height - 1) + 1}, {dilation.Width * (kernelSize.Width - 1) + 1}), " +
                $"which does not fit in the padded input ({height + 2 * padding.Height}, {width + 2 * padding.Width}) " +
                $"(input {Layout.Format(shape)}, padding {padding}).");
        var geometry = new UnfoldGeometry(shape[1], height, width, kernelSize.Height, kernelSize.Width,
            dilation.Height, dilation.Width, padding.Height, padding.Width, stride.Height, stride.Width, blocksHigh, blocksWide);
        return UnfoldBlocks(geometry, 0);
    }

    /// <summary>
    /// Sums columns of sliding blocks back into a batch of images (col2im), exactly like PyTorch's
    /// <c>torch.nn.functional.fold</c>: the adjoint of <see cref="Unfold"/>. Where blocks overlap their
    /// values add up; values that fall in the padding are dropped. A transposed convolution is a matrix
    /// product followed by this.
    /// Shape: [N, C·kh·kw, L] → [N, C, H, W] with (H, W) = <paramref name="outputSize"/>; L must equal
    /// Hb·Wb, the number of block positions Unfold finds on an H×W image with the same settings.
    /// </summary>
    /// <param name="outputSize">The image size (H, W).</param>
    /// <param name="kernelSize">The block size (kh, kw).</param>
    /// <param name="dilation">The spacing between kernel taps.</param>
    /// <param name="padding">The padding the blocks were taken with.</param>
    /// <param name="stride">The step between neighbouring blocks.</param>
    /// <exception cref="ArgumentException">The input is not a 3-D floating-point tensor, dimension 1 is not a multiple of kh·kw, or L does not match the block count.</exception>
    public Tensor Fold((int Height, int Width) outputSize, (int Height, int Width) kernelSize, (int Height, int Width) dilation,
        (int Height, int Width) padding, (int Height, int Width) stride)
    {
        const string op = "Fold";
        if (Rank != 3)
            throw new ArgumentException($"{op}: expected a 3-D input [N, C·kh·kw, L], got shape {Layout.Format(shape)}.");
        CheckBlockSettings(op, kernelSize, dilation, padding, stride);
        if (outputSize.Height <= 0 || outputSize.Width <= 0)
            throw new ArgumentException($"{op}: the output size must be positive, got {outputSize}.");
        int taps = kernelSize.Height * kernelSize.Width;
        if (shape[1] % taps != 0)
            throw new ArgumentException(
                $"{op}: dimension 1 of the input (shape {Layout.Format(shape)}) must be a multiple of kh·kw = {taps} for the kernel {kernelSize}.");
        int blocksHigh = UnfoldGeometry.BlockCount(outputSize.Height, kernelSize.Height, dilation.Height, padding.Height, stride.Height);
        int blocksWide = UnfoldGeometry.BlockCount(outputSize.Width, kernelSize.Width, dilation.Width, padding.Width, stride.Width);
        if (blocksHigh <= 0 || blocksWide <= 0 || blocksHigh * blocksWide != shape[2])
            throw new ArgumentException(
                $"{op}: an output of size {outputSize} with kernel {kernelSize}, dilation {dilation}, padding {padding} and stride {stride} " +
                $"has {Math.Max(blocksHigh, 0)}×{Math.Max(blocksWide, 0)} = {Math.Max(blocksHigh, 0) * Math.Max(blocksWide, 0)} block positions, " +
                $"but the input (shape {Layout.Format(shape)}) has L = {shape[2]}.");
        var geometry = new UnfoldGeometry(shape[1] / taps, outputSize.Height, outputSize.Width, kernelSize.Height, kernelSize.Width,
            dilation.Height, dilation.Width, padding.Height, padding.Width, stride.Height, stride.Width, blocksHigh, blocksWide);
        return FoldBlocks(geometry);
    }

    static void CheckBlockSettings(string op, (int Height, int Width) kernelSize, (int Height, int Width) dilation,
        (int Height, int Width) padding, (int Height, int Width) stride)
    {
        if (kernelSize.Height <= 0 || kernelSize.Width <= 0)
            throw new ArgumentException($"{op}: the kernel size must be positive, got {kernelSize}.");
        if (dilation.Height <= 0 || dilation.Width <= 0)
            throw new ArgumentException($"{op}: the dilation must be positive, got {dilation}.");
        if (padding.Height < 0 || padding.Width < 0)
            throw new ArgumentException($"{op}: the padding must be non-negative, got {padding}.");
        if (stride.Height <= 0 || stride.Width <= 0)
            throw new ArgumentException($"{op}: the stride must be positive, got {stride}.");
    }

    /// <summary>
    /// Unfold with an explicit geometry (block counts may reach past the bottom and right edges) and
    /// padding value; the layers use it for asymmetric padding and for −∞ padding in max pooling.
    /// The caller has validated the geometry against this tensor's shape [N, C, H, W].
    /// </summary>
    internal Tensor UnfoldBlocks(UnfoldGeometry geometry, double padValue)
    {
        RequireFloat("Unfold");
        var input = IsContiguous ? this : StridedCopy.ToContiguous(this);
        int batch = shape[0];
        var output = Uninitialized([batch, geometry.Rows, geometry.Blocks], DType);
        if (DType == DType.Float32)
            UnfoldKernels.Unfold(input.Data<float>(), input.offset, output.Data<float>(), batch, geometry, (float)padValue);
        else
            UnfoldKernels.Unfold(input.Data<double>(), input.offset, output.Data<double>(), batch, geometry, padValue);
        return Record(output, OpKind.Unfold, [this], geometry.ToAttributes(), padValue);
    }

    /// <summary>
    /// Fold with an explicit geometry: the adjoint of <see cref="UnfoldBlocks"/>. The
    /// caller has validated that this tensor is [N, geometry.Rows, geometry.Blocks].
    /// </summary>
    internal Tensor FoldBlocks(UnfoldGeometry geometry)
    {
        RequireFloat("Fold");
        var input = IsContiguous ? this : StridedCopy.ToContiguous(this);
        int batch = shape[0];
        var output = Uninitialized([batch, geometry.Channels, geometry.Height, geometry.Width], DType);
        if (DType == DType.Float32)
            UnfoldKernels.Fold(input.Data<float>(), input.offset, output.Data<float>(), batch, geometry);
        else
            UnfoldKernels.Fold(input.Data<double>(), input.offset, output.Data<double>(), batch, geometry);
        return Record(output, OpKind.Fold, [this], geometry.ToAttributes());
    }

    /// <summary>
    /// 2-D convolution as one primitive: y = weight ⋆ input + bias with an explicit geometry (asymmetric
    /// "same" padding included) and channel groups, computed image by image without the batch's column
    /// matrix. Shapes: input [N, Cin, H, W], weight [Cout, Cin/groups, kh, kw], bias [Cout] or null →
    /// [N, Cout, BlocksHigh, BlocksWide]. The caller has validated the shapes and the geometry.
    /// </summary>
    internal static Tensor Conv2dBlocks(Tensor input, Tensor weight, Tensor? bias, UnfoldGeometry geometry, int groups)
    {
        var dtype = DTypeInfo.Promote(input.DType, weight.DType);
        if (bias is not null) dtype = DTypeInfo.Promote(dtype, bias.DType);
        var x = input.To(dtype);
        var w = weight.To(dtype);
        var b = bias?.To(dtype);
        var xData = x.IsContiguous ? x : StridedCopy.ToContiguous(x);
        var wData = w.IsContiguous ? w : StridedCopy.ToContiguous(w);
        var bData = b is null || b.IsContiguous ? b : StridedCopy.ToContiguous(b);
        int batch = x.shape[0], outChannels = w.shape[0];
        var output = Uninitialized([batch, outChannels, geometry.BlocksHigh, geometry.BlocksWide], dtype);
        if (dtype == DType.Float32)
            Conv2dKernels.Forward(xData.Data<float>(), xData.offset, wData.Data<float>(), wData.offset, bData?.Data<float>(), bData?.offset ?? 0,
                output.Data<float>(), batch, outChannels, groups, geometry);
        else
            Conv2dKernels.Forward(xData.Data<double>(), xData.offset, wData.Data<double>(), wData.offset, bData?.Data<double>(), bData?.offset ?? 0,
                output.Data<double>(), batch, outChannels, groups, geometry);
        return Record(output, OpKind.Conv2d, b is null ? [x, w] : [x, w, b], [.. geometry.ToAttributes(), groups]);
    }

    /// <summary>
    /// The gradients of <see cref="Conv2dBlocks"/> for the upstream gradient <paramref name="gradOutput"/>
    /// [N, Cout, Hout, Wout]: [input, weight, bias], each null when not wanted. <paramref name="input"/> is
    /// needed for the weight's gradient, <paramref name="weight"/> for the input's. Recording (createGraph),
    /// they are the composite dx = Fold(Wᵀ·g), dW = Σₙ g·Unfold(x)ᵀ, db = Σ g, so they can be differentiated
    /// again; otherwise the image-by-image kernel.
    /// </summary>
    internal static Tensor?[] Conv2dBackward(Tensor gradOutput, Tensor? input, Tensor? weight, int[] inputShape, int[] weightShape,
        UnfoldGeometry geometry, int groups, bool needInput, bool needWeight, bool needBias)
    {
        int batch = inputShape[0], outChannels = weightShape[0], blocks = geometry.Blocks;
        int outPerGroup = outChannels / groups, rowsPerGroup = geometry.Rows / groups;
        if (Autograd.IsGradEnabled)
        {
            var g = gradOutput.Reshape(batch, groups, outPerGroup, blocks);
            Tensor? gradInput = null, gradWeight = null;
            if (needInput)
                gradInput = weight!.Reshape(groups, outPerGroup, rowsPerGroup).MT.MatMul(g)    // [N, groups, Kg, L]
                    .Reshape(batch, geometry.Rows, blocks).FoldBlocks(geometry);
            if (needWeight)
            {
                var columns = input!.UnfoldBlocks(geometry, 0).Reshape(batch, groups, rowsPerGroup, blocks);
                gradWeight = g.MatMul(columns.MT).Sum(0).Reshape(weightShape);               // Σₙ [groups, Cout/groups, Kg]
            }
            return [gradInput, gradWeight, needBias ? gradOutput.Sum([0, 2, 3]) : null];
        }

        var dtype = gradOutput.DType;
        var gy = gradOutput.IsContiguous ? gradOutput : StridedCopy.ToContiguous(gradOutput);
        var x = needWeight ? (input!.IsContiguous ? input : StridedCopy.ToContiguous(input)) : null;
        var w = needInput ? (weight!.IsContiguous ? weight : StridedCopy.ToContiguous(weight)) : null;
        var gx = needInput ? Uninitialized((int[])inputShape.Clone(), dtype) : null;
        var gw = needWeight ? Uninitialized((int[])weightShape.Clone(), dtype) : null;
        var gb = needBias ? Uninitialized([outChannels], dtype) : null;
        if (dtype == DType.Float32)
            Conv2dKernels.Backward(x?.Data<float>() ?? [], x?.offset ?? 0, w?.Data<float>() ?? [], w?.offset ?? 0, gy.Data<float>(), gy.offset,
                gx?.Data<float>(), gw?.Data<float>(), gb?.Data<float>(), batch, outChannels, groups, geometry);
        else
            Conv2dKernels.Backward(x?.Data<double>() ?? [], x?.offset ?? 0, w?.Data<double>() ?? [], w?.offset ?? 0, gy.Data<double>(), gy.offset,
                gx?.Data<double>(), gw?.Data<double>(), gb?.Data<double>(), batch, outChannels, groups, geometry);
        return [gx, gw, gb];
    }
}
