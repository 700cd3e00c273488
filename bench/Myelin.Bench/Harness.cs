using System.Diagnostics;

namespace Myelin.Bench;

/// <summary>
/// BENCH.md's method: warm up for at least 0.5 s and 3 calls untimed, then time 7 chunks and
/// report the median chunk's seconds per call.
/// </summary>
public static class Harness
{
    public static double MedianSecondsPerCall(Action call, double seconds)
    {
        var clock = Stopwatch.StartNew();
        int warmupCalls = 0;
        while (warmupCalls < 3 || clock.Elapsed.TotalSeconds < 0.5)
        {
            call();
            warmupCalls++;
        }
        double perCall = clock.Elapsed.TotalSeconds / warmupCalls;
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
