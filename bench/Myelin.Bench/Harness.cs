using System.Diagnostics;

namespace Myelin.Bench;

/// <summary>
/// BENCH.md's method: warm up untimed (at least 0.5 s and 3 calls — here at least a third of the
/// measuring time and 30 calls, so the JIT's optimised code is what gets timed), then time 7 chunks
/// sized from the last warm-up calls, and report the median chunk's seconds per call.
/// </summary>
public static class Harness
{
    public static double MedianSecondsPerCall(Action call, double seconds)
    {
        var clock = Stopwatch.StartNew();
        double warmupSeconds = Math.Max(0.5, seconds / 3);
        int warmupCalls = 0;
        double lastCallSeconds = 0;
        while (warmupCalls < 30 || clock.Elapsed.TotalSeconds < warmupSeconds)
        {
            double before = clock.Elapsed.TotalSeconds;
            call();
            lastCallSeconds = clock.Elapsed.TotalSeconds - before;
            warmupCalls++;
            if (clock.Elapsed.TotalSeconds > 4 * warmupSeconds && warmupCalls >= 3) break; // very slow calls
        }
        double perCall = lastCallSeconds;
        const int chunks = 7;
        int callsPerChunk = Math.Max(1, (int)(seconds / chunks / Math.Max(perCall, 1e-9)));
        var chunkTimes = new double[chunks];
        for (int c = 0; c < chunks; c++)
        {
            var chunkClock = Stopwatch.StartNew();
            for (int i = 0; i < callsPerChunk; i++) call();
            chunkTimes[c] = chunkClock.Elapsed.TotalSeconds / callsPerChunk;
        }
        Array.Sort(chunkTimes);
        return chunkTimes[chunks / 2];
    }
}
