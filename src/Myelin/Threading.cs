using System.Runtime.ExceptionServices;

namespace Myelin;

/// <summary>
/// The process-wide limit on how many threads Myelin's kernels use, and the parallel loop
/// that honours it.
/// </summary>
/// <remarks>
/// The initial limit comes from the environment variable <c>MYELIN_NUM_THREADS</c> when it holds
/// a positive integer, and is <see cref="Environment.ProcessorCount"/> otherwise. Kernels never
/// split a sum across threads, so results are bit-for-bit the same for every thread count.
/// </remarks>
public static class Threading
{
    /// <summary>The environment variable read once at start-up for the initial <see cref="MaxThreads"/>.</summary>
    public const string EnvironmentVariable = "MYELIN_NUM_THREADS";

    static int maxThreads = InitialMaxThreads();

    /// <summary>
    /// The maximum number of threads a kernel may use at once (the calling thread included).
    /// 1 runs everything on the calling thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value set is less than 1.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref maxThreads);
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(nameof(value), value,
                    $"Threading.MaxThreads must be at least 1 (1 runs kernels on the calling thread only); got {value}.");
            Volatile.Write(ref maxThreads, value);
        }
    }

    static int InitialMaxThreads()
    {
        string? text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= 1)
            return value;
        return Math.Max(1, Environment.ProcessorCount);
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every index in [0, <paramref name="count"/>) on up to
    /// <see cref="MaxThreads"/> threads and returns when all have finished. Indices are handed
    /// out one at a time, so uneven items balance themselves. The calling thread takes part,
    /// so a loop started from a pool thread cannot starve. The first exception thrown by a body
    /// is rethrown here after the loop has stopped.
    /// </summary>
    internal static void ParallelFor(int count, Action<int> body)
    {
        int workers = Math.Min(MaxThreads, count);
        if (workers <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }

        // One small object per loop; the same object is queued once per helper thread.
        var loop = new ParallelLoop(count, body);
        for (int w = 1; w < workers; w++)
            ThreadPool.UnsafeQueueUserWorkItem(loop, preferLocal: false);
        loop.RunItems();
        loop.WaitForAllItems();
        loop.Failure?.Throw();
    }

    /// <summary>The shared state of one <see cref="ParallelFor"/> call.</summary>
    sealed class ParallelLoop(int count, Action<int> body) : IThreadPoolWorkItem
    {
        int nextIndex = -1;
        int finishedItems;
        volatile bool allFinished;

        public ExceptionDispatchInfo? Failure;

        public void Execute() => RunItems();

        /// <summary>Claims and runs items until none are left; late helpers find none and return.</summary>
        public void RunItems()
        {
            int index;
            while ((index = Interlocked.Increment(ref nextIndex)) < count)
            {
                try
                {
                    if (Failure is null) body(index);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Failure, ExceptionDispatchInfo.Capture(e), null);
                }
                if (Interlocked.Increment(ref finishedItems) == count)
                {
                    lock (this)
                    {
                        allFinished = true;
                        Monitor.PulseAll(this);
                    }
                }
            }
        }

        /// <summary>Waits for items still running on helper threads: a short spin, then a blocking wait.</summary>
        public void WaitForAllItems()
        {
            var spinner = new SpinWait();
            while (!allFinished && !spinner.NextSpinWillYield) spinner.SpinOnce();
            if (allFinished) return;
            lock (this)
            {
                while (!allFinished) Monitor.Wait(this);
            }
        }
    }
}
