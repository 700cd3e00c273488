using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Myelin.Backends.Cpu;

/// <summary>
/// 2-D convolution one image at a time: the image is unfolded into a column matrix [Cin·kh·kw, L] in a
/// buffer reused from image to image, and multiplied by the weight with the GEMM. The column matrix of the
/// whole batch ([N, Cin·kh·kw, L], usually the largest tensor of a CNN) is never built, neither forward nor
/// backward, and each image's columns are still in the cache when the product reads them.
/// </summary>
/// <remarks>
/// Shapes: x [N, Cin, H, W], weight [Cout, Cin/groups, kh, kw] = [Cout, Kg] with Kg = Cin/groups·kh·kw,
/// y [N, Cout, L] with L = Hout·Wout; group g pairs weight rows [g·Cout/groups, (g + 1)·Cout/groups) with
/// column rows [g·Kg, (g + 1)·Kg). Images run in parallel. The weight and bias gradients are sums over the
/// batch: each of a fixed number of chunks of images (depending on the batch size only) sums its images in
/// order, then the chunks' sums are added in order, so results are the same for every thread count.
/// </remarks>
internal static class Conv2dKernels
{
    /// <summary>At most this many chunks (partial weight gradients) for the sum over the batch.</summary>
    const int MaxChunks = 16;

    /// <summary>Elements of memory the partial weight gradients may take together.</summary>
    const int PartialBudget = 1 << 20;

    /// <summary>y = weight ⋆ x (+ bias). All arrays are contiguous from their offsets; bias may be null.</summary>
    public static void Forward<T>(T[] x, int xOffset, T[] weight, int weightOffset, T[]? bias, int biasOffset, T[] y,
        int batch, int outChannels, int groups, UnfoldGeometry g)
        where T : unmanaged, INumber<T>
    {
        int rows = g.Rows, blocks = g.Blocks, rowsPerGroup = rows / groups, outPerGroup = outChannels / groups;
        int imageSize = g.ImageSize, outputSize = outChannels * blocks;
        bool pointwise = IsPointwise(g);
        ParallelRanges.For(batch, (long)outputSize * rowsPerGroup, (start, end) =>
        {
            T[]? columns = pointwise ? null : ArrayPool<T>.Shared.Rent(rows * blocks);
            try
            {
                for (int n = start; n < end; n++)
                {
                    var (source, sourceOffset) = Columns(x, xOffset + n * imageSize, columns, g, pointwise);
                    int yOffset = n * outputSize;
                    if (bias is not null)
                        for (int o = 0; o < outChannels; o++) y.AsSpan(yOffset + o * blocks, blocks).Fill(bias[biasOffset + o]);
                    for (int group = 0; group < groups; group++)
                        Multiply(false, false, outPerGroup, blocks, rowsPerGroup,
                            weight, weightOffset + group * outPerGroup * rowsPerGroup, rowsPerGroup,
                            source, sourceOffset + group * rowsPerGroup * blocks, blocks,
                            y, yOffset + group * outPerGroup * blocks, blocks, accumulate: bias is not null);
                }
            }
            finally
            {
                if (columns is not null) ArrayPool<T>.Shared.Return(columns);
            }
        });
    }

    /// <summary>
    /// The gradients of <see cref="Forward"/> for the upstream gradient gy [N, Cout, L]: gx [N, Cin, H, W]
    /// (= Fold(weightᵀ·gy) per image), gWeight [Cout, Kg] (= Σₙ gyₙ·columnsₙᵀ) and gBias [Cout] (= Σ gy over
    /// images and positions); each is skipped when its array is null and fully overwritten otherwise.
    /// </summary>
    public static void Backward<T>(T[] x, int xOffset, T[] weight, int weightOffset, T[] gy, int gyOffset,
        T[]? gx, T[]? gWeight, T[]? gBias, int batch, int outChannels, int groups, UnfoldGeometry g)
        where T : unmanaged, INumber<T>
    {
        int rows = g.Rows, blocks = g.Blocks, rowsPerGroup = rows / groups, outPerGroup = outChannels / groups;
        int imageSize = g.ImageSize, outputSize = outChannels * blocks, weightSize = outChannels * rowsPerGroup;
        bool pointwise = IsPointwise(g);
        gBias?.AsSpan(0, outChannels).Clear();
        if (batch == 0)
        {
            gWeight?.AsSpan(0, weightSize).Clear();
            return;
        }

        int chunks = Math.Clamp(Math.Min(Math.Min(batch, MaxChunks), PartialBudget / Math.Max(weightSize, 1)), 1, batch);
        // Chunk 0 sums straight into gWeight; the others into partial sums added at the end.
        T[]? partialWeights = gWeight is not null && chunks > 1 ? ArrayPool<T>.Shared.Rent((chunks - 1) * weightSize) : null;
        T[]? partialBiases = gBias is not null ? new T[chunks * outChannels] : null;
        long workPerImage = (long)outputSize * rowsPerGroup * ((gx is null ? 0 : 1) + (gWeight is null ? 0 : 1));
        int threads = ParallelRanges.ThreadsFor(chunks, workPerImage * batch / chunks);
        Threading.ParallelFor(chunks, chunk =>
        {
            int start = (int)((long)batch * chunk / chunks), end = (int)((long)batch * (chunk + 1) / chunks);
            T[]? columns = gWeight is not null && !pointwise ? ArrayPool<T>.Shared.Rent(rows * blocks) : null;
            T[]? columnGrads = gx is not null && !pointwise ? ArrayPool<T>.Shared.Rent(rows * blocks) : null;
            try
            {
                for (int n = start; n < end; n++)
                {
                    int gyImage = gyOffset + n * outputSize;
                    if (gWeight is not null)
                    {
                        var (source, sourceOffset) = Columns(x, xOffset + n * imageSize, columns, g, pointwise);
                        var (target, targetOffset) = chunk == 0 ? (gWeight, 0) : (partialWeights!, (chunk - 1) * weightSize);
                        for (int group = 0; group < groups; group++)
                            Multiply(false, true, outPerGroup, rowsPerGroup, blocks,
                                gy, gyImage + group * outPerGroup * blocks, blocks,
                                source, sourceOffset + group * rowsPerGroup * blocks, blocks,
                                target, targetOffset + group * outPerGroup * rowsPerGroup, rowsPerGroup, accumulate: n > start);
                    }
                    if (partialBiases is not null)
                        for (int o = 0; o < outChannels; o++)
                            partialBiases[chunk * outChannels + o] += TensorPrimitives.Sum<T>(gy.AsSpan(gyImage + o * blocks, blocks));
                    if (gx is not null)
                    {
                        var (target, targetOffset) = pointwise ? (gx, n * imageSize) : (columnGrads!, 0);
                        for (int group = 0; group < groups; group++)
                            Multiply(true, false, rowsPerGroup, blocks, outPerGroup,
                                weight, weightOffset + group * outPerGroup * rowsPerGroup, rowsPerGroup,
                                gy, gyImage + group * outPerGroup * blocks, blocks,
                                target, targetOffset + group * rowsPerGroup * blocks, blocks, accumulate: false);
                        if (!pointwise)
                            UnfoldKernels.FoldImage<T>(columnGrads.AsSpan(0, rows * blocks), gx.AsSpan(n * imageSize, imageSize), g);
                    }
                }
            }
            finally
            {
                if (columns is not null) ArrayPool<T>.Shared.Return(columns);
                if (columnGrads is not null) ArrayPool<T>.Shared.Return(columnGrads);
            }
        }, threads);

        if (gWeight is not null && partialWeights is not null)
        {
            var total = gWeight.AsSpan(0, weightSize);
            for (int chunk = 1; chunk < chunks; chunk++)
                TensorPrimitives.Add(total, partialWeights.AsSpan((chunk - 1) * weightSize, weightSize), total);
            ArrayPool<T>.Shared.Return(partialWeights);
        }
        if (gBias is not null)
            for (int chunk = 0; chunk < chunks; chunk++)
                TensorPrimitives.Add(gBias.AsSpan(0, outChannels), partialBiases.AsSpan(chunk * outChannels, outChannels), gBias.AsSpan(0, outChannels));
    }

    /// <summary>A 1×1 kernel with stride 1 and no padding: an image [C, H, W] is its own column matrix [C, H·W].</summary>
    static bool IsPointwise(in UnfoldGeometry g) =>
        g is { KernelHeight: 1, KernelWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0 }
        && g.BlocksHigh == g.Height && g.BlocksWide == g.Width;

    /// <summary>The column matrix of the image at <paramref name="imageOffset"/>: the image itself when pointwise, else unfolded into the buffer.</summary>
    static (T[] Array, int Offset) Columns<T>(T[] x, int imageOffset, T[]? buffer, in UnfoldGeometry g, bool pointwise)
        where T : unmanaged, INumber<T>
    {
        if (pointwise) return (x, imageOffset);
        UnfoldKernels.UnfoldImage<T>(new ReadOnlySpan<T>(x, imageOffset, g.ImageSize), buffer.AsSpan(0, g.Rows * g.Blocks), g, T.Zero);
        return (buffer!, 0);
    }

    /// <summary>The GEMM for float or double arrays.</summary>
    static void Multiply<T>(bool transA, bool transB, int m, int n, int k, T[] a, int aOffset, int lda, T[] b, int bOffset, int ldb,
        T[] c, int cOffset, int ldc, bool accumulate)
    {
        if (typeof(T) == typeof(float))
            Gemm.Multiply(transA, transB, m, n, k, (float[])(object)a, aOffset, lda, (float[])(object)b, bOffset, ldb,
                (float[])(object)c, cOffset, ldc, accumulate);
        else if (typeof(T) == typeof(double))
            Gemm.Multiply(transA, transB, m, n, k, (double[])(object)a, aOffset, lda, (double[])(object)b, bOffset, ldb,
                (double[])(object)c, cOffset, ldc, accumulate);
        else
            throw new NotSupportedException($"Conv2d: no matrix product for {typeof(T).Name}.");
    }
}
