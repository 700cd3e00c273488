using Myelin.Backends.Cpu;

namespace Myelin;

public sealed partial class Tensor
{
    /// <summary>
    /// Max pooling of every [H, W] plane of this [N, C, H, W] tensor with an explicit geometry (a single
    /// channel; block counts may reach past the bottom and right edges, padding counts as −∞), in one pass:
    /// the output [N, C, BlocksHigh, BlocksWide] and, as the node's second input, the Int32 index (ih·W + iw)
    /// of each window's maximum, which the backward pass sends the gradient to. Ties go to the first
    /// maximum, as in PyTorch. The caller has validated the geometry against this tensor's shape.
    /// </summary>
    internal Tensor MaxPool2dBlocks(UnfoldGeometry geometry)
    {
        RequireFloat("MaxPool2d");
        var input = IsContiguous ? this : StridedCopy.ToContiguous(this);
        int planes = shape[0] * shape[1];
        int[] outputShape = [shape[0], shape[1], geometry.BlocksHigh, geometry.BlocksWide];
        var output = Uninitialized(outputShape, DType);
        var indices = Uninitialized((int[])outputShape.Clone(), DType.Int32);
        if (DType == DType.Float32)
            MaxPoolKernels.Forward(input.Data<float>(), input.offset, output.Data<float>(), indices.Data<int>(), planes, geometry);
        else
            MaxPoolKernels.Forward(input.Data<double>(), input.offset, output.Data<double>(), indices.Data<int>(), planes, geometry);
        return Record(output, OpKind.MaxPool2d, [this, indices], geometry.ToAttributes());
    }

    /// <summary>
    /// The gradient of <see cref="MaxPool2dBlocks"/>: each element of <paramref name="gradOutput"/>
    /// [N, C, Hb, Wb] lands on the input element its window took the maximum from. Recording (createGraph),
    /// it is a ScatterAdd, so it can be differentiated again; otherwise a direct kernel.
    /// </summary>
    internal static Tensor MaxPool2dBackward(Tensor gradOutput, Tensor indices, int[] inputShape, UnfoldGeometry geometry)
    {
        int planes = inputShape[0] * inputShape[1], planeSize = geometry.Height * geometry.Width;
        if (Autograd.IsGradEnabled)
        {
            var flatIndices = indices.Reshape(planes, geometry.Blocks).To(DType.Int64);
            var upstream = gradOutput.Reshape(planes, geometry.Blocks);
            // A window wholly in the padding (index −1) passes its gradient to no element.
            if (indices.NumElements > 0 && indices.Min().Item<int>() < 0)
            {
                var missing = flatIndices.Lt(0);
                upstream = Where(missing, 0.0, upstream);
                flatIndices = Where(missing, 0.0, flatIndices);
            }
            return Zeros([planes, planeSize], gradOutput.DType).ScatterAdd(1, flatIndices, upstream).Reshape(inputShape);
        }
        var upstreamData = gradOutput.IsContiguous ? gradOutput : StridedCopy.ToContiguous(gradOutput);
        var gradInput = Uninitialized((int[])inputShape.Clone(), gradOutput.DType);
        if (gradOutput.DType == DType.Float32)
            MaxPoolKernels.Backward(upstreamData.Data<float>(), upstreamData.offset, indices.Data<int>(), gradInput.Data<float>(), planes, geometry);
        else
            MaxPoolKernels.Backward(upstreamData.Data<double>(), upstreamData.offset, indices.Data<int>(), gradInput.Data<double>(), planes, geometry);
        return gradInput;
    }
}
