namespace Myelin.Backends.Cpu;

/// <summary>
/// Where the sliding blocks of an unfold (im2col) or fold (col2im) lie on an image of
/// [Channels, Height, Width]: the kernel size, dilation, stride, the padding before the first row
/// and column, and how many block positions there are down and across.
/// </summary>
/// <remarks>
/// Giving the block counts explicitly (rather than deriving them from a symmetric padding) lets one
/// geometry describe asymmetric padding too: blocks that reach past the bottom or right edge read the
/// padding value, as with PyTorch's "same" padding for even kernels or a pooling window in ceil mode.
/// </remarks>
internal readonly record struct UnfoldGeometry(
    int Channels, int Height, int Width,
    int KernelHeight, int KernelWidth,
    int DilationHeight, int DilationWidth,
    int PadTop, int PadLeft,
    int StrideHeight, int StrideWidth,
    int BlocksHigh, int BlocksWide)
{
    /// <summary>The number of rows of the column matrix: Channels·KernelHeight·KernelWidth.</summary>
    public int Rows => Channels * KernelHeight * KernelWidth;

    /// <summary>The number of block positions L = BlocksHigh·BlocksWide (the columns of the column matrix).</summary>
    public int Blocks => BlocksHigh * BlocksWide;

    /// <summary>The elements of one image.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>
    /// The number of blocks along one dimension with PyTorch's formula
    /// ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1; zero or less when the kernel does not fit.
    /// </summary>
    public static int BlockCount(int size, int kernel, int dilation, int padding, int stride)
    {
        int span = size + 2 * padding - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }

    /// <summary>The attributes recorded on a graph node, so the backward rule can rebuild the geometry.</summary>
    public int[] ToAttributes() =>
        [Height, Width, KernelHeight, KernelWidth, DilationHeight, DilationWidth, PadTop, PadLeft, StrideHeight, StrideWidth, BlocksHigh, BlocksWide];

    /// <summary>The inverse of <see cref="ToAttributes"/>.</summary>
    public static UnfoldGeometry FromAttributes(int channels, int[] a) =>
        new(channels, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
}
