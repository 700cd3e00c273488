using System.Collections.Concurrent;
using System.Diagnostics;
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
/// <para>Kernels run on the calling thread plus up to <see cref="MaxThreads"/> − 1 helper threads
/// of Myelin's own. After a parallel loop, helpers keep polling for the next one for a fraction of
/// a millisecond before they sleep, because waking a sleeping thread can take longer than a whole
/// small kernel; training runs kernel after kernel, so the helpers rarely sleep.</para>
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
    /// out one at a time, so uneven items balance themselves. The calling thread takes part and
    /// only waits for items a helper has already started, so a loop can never wait on a helper
    /// that is busy elsewhere (nested loops are safe). The first exception thrown by a body is
    /// rethrown here after the loop has stopped. <paramref name="maxThreads"/> lowers the limit
    /// further for loops too small to keep many threads busy.
    /// </summary>
    internal static void ParallelFor(int count, Action<int> body, int maxThreads = int.MaxValue)
    {
        int threads = Math.Min(Math.Min(MaxThreads, maxThreads), count);
        if (threads <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }

        // One small object per loop, offered once to each helper wanted.
        var loop = new ParallelLoop(count, body);
        Helpers.Offer(loop, threads - 1);
        loop.RunFirstItem();
        loop.RunItems();
        loop.WaitForAllItems();
        loop.Failure?.Throw();
    }

    /// <summary>The shared state of one <see cref="ParallelFor"/> call.</summary>
    /// <remarks>
    /// Item 0 is kept for the calling thread and helpers claim from item 1 on. A loop that is
    /// split into one item per thread therefore gives the caller the same part of the data every
    /// time, which keeps that part in the caller's own cache (a layer's weights, for one sample
    /// after another); a helper that polls gets the same other part.
    /// </remarks>
    sealed class ParallelLoop(int count, Action<int> body)
    {
        int nextIndex;
        int finishedItems;
        volatile bool allFinished;

        public ExceptionDispatchInfo? Failure;

        /// <summary>Runs item 0, which only the calling thread runs.</summary>
        public void RunFirstItem() => Run(0);

        /// <summary>Claims and runs items from 1 on until none are left; a late helper finds none and returns.</summary>
        public void RunItems()
        {
            int index;
            while ((index = Interlocked.Increment(ref nextIndex)) < count) Run(index);
        }

        void Run(int index)
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

        /// <summary>Waits for items still running on helpers: spinning at first, then blocking.</summary>
        public void WaitForAllItems()
        {
            if (allFinished) return;
            long spinUntil = Stopwatch.GetTimestamp() + Helpers.SpinTicks;
            while (!allFinished && Stopwatch.GetTimestamp() < spinUntil) Thread.SpinWait(20);
            if (allFinished) return;
            lock (this)
            {
                while (!allFinished) Monitor.Wait(this);
            }
        }
    }

    /// <summary>
    /// Myelin's helper threads: background threads started on demand, which take loops from a
    /// shared queue, poll the queue for a short while when it runs dry, and then sleep.
    /// </summary>
    static class Helpers
    {
        /// <summary>How long an idle helper (or a waiting caller) polls before it sleeps: 200 µs.</summary>
        public static readonly long SpinTicks = Stopwatch.Frequency / 5000;

        static readonly ConcurrentQueue<ParallelLoop> offers = new();
        static readonly SemaphoreSlim wakeUp = new(0);
        static readonly object startLock = new();
        static int started;
        static int sleeping;

        /// <summary>Offers <paramref name="loop"/> to <paramref name="helpers"/> helpers, starting or waking them as needed.</summary>
        public static void Offer(ParallelLoop loop, int helpers)
        {
            if (Volatile.Read(ref started) < helpers) StartHelpers(helpers);
            for (int i = 0; i < helpers; i++) offers.Enqueue(loop);
            // Enqueue before reading the sleeper count (both are full fences), and a helper counts
            // itself as sleeping before it looks at the queue a last time: no offer goes unseen.
            int asleep = Volatile.Read(ref sleeping);
            if (asleep > 0) wakeUp.Release(Math.Min(asleep, helpers));
        }

        static void StartHelpers(int wanted)
        {
            lock (startLock)
            {
                while (started < wanted)
                {
                    var thread = new Thread(Work)
                    {
                        IsBackground = true,
                        Name = $"Myelin helper {started + 1}",
                    };
                    thread.Start();
                    Interlocked.Increment(ref started);
                }
            }
        }

        static void Work()
        {
            while (true)
            {
                if (offers.TryDequeue(out ParallelLoop? loop))
                {
                    loop.RunItems();
                    continue;
                }

                long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
                while (offers.IsEmpty && Stopwatch.GetTimestamp() < spinUntil) Thread.SpinWait(20);
                if (!offers.IsEmpty) continue;

                Interlocked.Increment(ref sleeping);
                if (offers.IsEmpty) wakeUp.Wait();
                Interlocked.Decrement(ref sleeping);
            }
        }
    }
}
