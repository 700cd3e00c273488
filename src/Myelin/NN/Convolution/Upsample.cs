namespace Myelin.NN;

/// <summary>
/// Resizes images by nearest-neighbour sampling: each output pixel copies the nearest input pixel, so a scale
/// factor of 2 repeats every pixel in a 2×2 block. Give exactly one of a size and a scale factor.
/// Shape: [N, C, H, W] → [N, C, Hout, Wout] with (Hout, Wout) = size, or (⌊H·scaleFactor⌋, ⌊W·scaleFactor⌋).
/// </summary>
/// <remarks>
/// Output pixel (y, x) copies input pixel (⌊y·s⌋, ⌊x·s⌋) with s = 1/scaleFactor (or input size / output size),
/// computed in single precision as PyTorch does. The forward pass is <see cref="F.Interpolate"/>: two index
/// selections, whose gradient adds each output gradient back to the pixel it copied.
/// </remarks>
public sealed class Upsample : Module
{
    /// <summary>Creates the layer.</summary>
    /// <param name="size">The output size: an int or (Hout, Wout).</param>
    /// <param name="scaleFactor">The factor by which height and width grow (or shrink, below 1).</param>
    /// <param name="mode">"nearest", the only mode supported.</param>
    /// <exception cref="ArgumentException">Both or neither of size and scaleFactor are given, one is not positive, or the mode is not "nearest".</exception>
    public Upsample(Size2d? size = null, double? scaleFactor = null, string mode = "nearest")
    {
        F.CheckInterpolation("Upsample", size, scaleFactor, mode);
        Size = size;
        ScaleFactor = scaleFactor;
        Mode = mode;
    }

    /// <summary>The output size, or null when a scale factor is used.</summary>
    public Size2d? Size { get; }

    /// <summary>The scale factor, or null when an output size is used.</summary>
    public double? ScaleFactor { get; }

    /// <summary>The interpolation mode ("nearest").</summary>
    public string Mode { get; }

    /// <summary>Resizes the images. Shape: [N, C, H, W] → [N, C, Hout, Wout].</summary>
    /// <exception cref="ArgumentException">The input is not 4-D, or the output size would be zero.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.NearestInterpolation($"Upsample({ExtraRepr()})", input, Size, ScaleFactor, Mode));

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        (ScaleFactor is double f ? $"scale_factor={ReprFormat.Float(f)}" : $"size={Size}") + $", mode={Mode}";
}
