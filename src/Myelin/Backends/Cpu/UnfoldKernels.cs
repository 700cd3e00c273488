using System.Numerics;
using System.Numerics.Tensors;

namespace Myelin.Backends.Cpu;

/// <summary>
/// Unfold (im2col) and its adjoint fold (col2im) on contiguous batches: an image [C, H, W] and its
/// column matrix [C·kh·kw, L], where row (c, i, j) holds, for every block position, the pixel under
/// kernel tap (i, j) of channel c. Both walk the column matrix one output row of blocks at a time, so
/// the inner loops are contiguous copies (or adds) when the stride across is 1.
/// </summary>
internal static class UnfoldKernels
{
    /// <summary>
    /// Unfolds every image of <paramref name="images"/> [N, C, H, W] (contiguous from <paramref name="imageOffset"/>)
    /// into <paramref name="columns"/> [N, C·kh·kw, L], the images in parallel.
    /// </summary>
    public static void Unfold<T>(T[] images, int imageOffset, T[] columns, int batch, UnfoldGeometry geometry, T padValue)
        where T : INumber<T>
    {
        int imageSize = geometry.ImageSize, columnSize = geometry.Rows * geometry.Blocks;
        ParallelRanges.For(batch, columnSize, (start, end) =>
        {
            for (int n = start; n < end; n++)
                UnfoldImage(new ReadOnlySpan<T>(images, imageOffset + n * imageSize, imageSize),
                    new Span<T>(columns, n * columnSize, columnSize), geometry, padValue);
        });
    }

    /// <summary>
    /// Folds every column matrix of <paramref name="columns"/> [N, C·kh·kw, L] (contiguous from <paramref name="columnOffset"/>)
    /// into <paramref name="images"/> [N, C, H, W], summing overlaps, the images in parallel.
    /// </summary>
    public static void Fold<T>(T[] columns, int columnOffset, T[] images, int batch, UnfoldGeometry geometry)
        where T : INumber<T>
    {
        int imageSize = geometry.ImageSize, columnSize = geometry.Rows * geometry.Blocks;
        ParallelRanges.For(batch, columnSize, (start, end) =>
        {
            for (int n = start; n < end; n++)
                FoldImage(new ReadOnlySpan<T>(columns, columnOffset + n * columnSize, columnSize),
                    new Span<T>(images, n * imageSize, imageSize), geometry);
        });
    }

    /// <summary>Unfolds one image [C, H, W] into its column matrix [C·kh·kw, L].</summary>
    public static void UnfoldImage<T>(ReadOnlySpan<T> image, Span<T> columns, in UnfoldGeometry g, T padValue)
        where T : INumber<T>
    {
        int height = g.Height, width = g.Width, blocksWide = g.BlocksWide, strideWidth = g.StrideWidth;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++, row++)
                {
                    var destination = columns.Slice(row * g.Blocks, g.Blocks);
                    // Block column ow reads image column ow·stride + shift; [first, end) are the ones inside the image.
                    int shift = kj * g.DilationWidth - g.PadLeft;
                    var (first, end) = InsideRange(shift, strideWidth, width, blocksWide);
                    for (int oh = 0; oh < g.BlocksHigh; oh++)
                    {
                        var outRow = destination.Slice(oh * blocksWide, blocksWide);
                        int ih = oh * g.StrideHeight - g.PadTop + ki * g.DilationHeight;
                        if ((uint)ih >= (uint)height)
                        {
                            outRow.Fill(padValue);
                            continue;
                        }
                        var inRow = image.Slice((c * height + ih) * width, width);
                        outRow[..first].Fill(padValue);
                        outRow[end..].Fill(padValue);
                        if (strideWidth == 1)
                        {
                            inRow.Slice(first + shift, end - first).CopyTo(outRow[first..end]);
                        }
                        else
                        {
                            for (int ow = first, iw = first * strideWidth + shift; ow < end; ow++, iw += strideWidth)
                                outRow[ow] = inRow[iw];
                        }
                    }
                }
    }

    /// <summary>Folds one column matrix [C·kh·kw, L] into its image [C, H, W] (overwritten), summing overlaps.</summary>
    public static void FoldImage<T>(ReadOnlySpan<T> columns, Span<T> image, in UnfoldGeometry g)
        where T : INumber<T>
    {
        image.Clear();
        int height = g.Height, width = g.Width, blocksWide = g.BlocksWide, strideWidth = g.StrideWidth;
        int row = 0;
        for (int c = 0; c < g.Channels; c++)
            for (int ki = 0; ki < g.KernelHeight; ki++)
                for (int kj = 0; kj < g.KernelWidth; kj++, row++)
                {
                    var source = columns.Slice(row * g.Blocks, g.Blocks);
                    int shift = kj * g.DilationWidth - g.PadLeft;
                    var (first, end) = InsideRange(shift, strideWidth, width, blocksWide);
                    if (first == end) continue;
                    for (int oh = 0; oh < g.BlocksHigh; oh++)
                    {
                        int ih = oh * g.StrideHeight - g.PadTop + ki * g.DilationHeight;
                        if ((uint)ih >= (uint)height) continue; // a padding position: no pixel to receive it
                        var inRow = source.Slice(oh * blocksWide + first, end - first);
                        var outRow = image.Slice((c * height + ih) * width, width);
                        if (strideWidth == 1)
                        {
                            var target = outRow.Slice(first + shift, end - first);
                            TensorPrimitives.Add(target, inRow, target);
                        }
                        else
                        {
                            for (int k = 0, iw = first * strideWidth + shift; k < inRow.Length; k++, iw += strideWidth)
                                outRow[iw] += inRow[k];
                        }
                    }
                }
    }

    /// <summary>
    /// The block columns [first, end) whose image column o·stride + shift lies in [0, width), clipped to
    /// [0, blocks); first = end when there are none.
    /// </summary>
    static (int First, int End) InsideRange(int shift, int stride, int width, int blocks)
    {
        int first = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
        int end = width - shift <= 0 ? 0 : (width - shift + stride - 1) / stride;
        first = Math.Min(first, blocks);
        end = Math.Clamp(end, first, blocks);
        return (first, end);
    }
}
