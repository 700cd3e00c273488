namespace Myelin.Backends.Cpu;

/// <summary>
/// Runs a kernel over independent items (the images of a batch, the planes of a pooling) on
/// Myelin's threads, in contiguous ranges of items.
/// </summary>
internal static class ParallelRanges
{
    /// <summary>
    /// Below this much work (in element operations) per thread, one more thread costs more than it
    /// saves: handing out a loop takes about a microsecond.
    /// </summary>
    const long MinWorkPerThread = 1 << 15;

    /// <summary>Ranges per thread: a thread slowed down by other work on the machine then holds up little.</summary>
    const int RangesPerThread = 4;

    /// <summary>
    /// Calls <paramref name="body"/>(start, end) for ranges that together cover [0, <paramref name="count"/>),
    /// on up to <see cref="Threading.MaxThreads"/> threads. Only for items whose results do not depend on
    /// how the ranges fall (each item writes its own outputs).
    /// </summary>
    /// <param name="count">The number of items.</param>
    /// <param name="workPerItem">About how many element operations one item costs.</param>
    /// <param name="body">Processes items [start, end).</param>
    public static void For(int count, long workPerItem, Action<int, int> body)
    {
        if (count <= 0) return;
        int threads = ThreadsFor(count, workPerItem);
        if (threads <= 1)
        {
            body(0, count);
            return;
        }
        int ranges = Math.Min(count, threads * RangesPerThread);
        Threading.ParallelFor(ranges, r => body((int)((long)count * r / ranges), (int)((long)count * (r + 1) / ranges)), threads);
    }

    /// <summary>How many threads <paramref name="count"/> items of <paramref name="workPerItem"/> element operations each are worth.</summary>
    public static int ThreadsFor(int count, long workPerItem)
    {
        long total = count * Math.Max(workPerItem, 1);
        return (int)Math.Clamp(total / MinWorkPerThread, 1, Math.Max(1, Math.Min(Threading.MaxThreads, count)));
    }
}
