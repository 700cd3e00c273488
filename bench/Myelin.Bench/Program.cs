using System.Diagnostics;
using System.Globalization;

namespace Myelin.Bench;

/// <summary>
/// The benchmark runner: <c>--workload NAME|all --threads N [--seconds S] [--data DIR] [--seed N]</c>.
/// <c>--seed</c> (default 1) seeds the weights and the shuffling of the Fashion-MNIST training runs.
/// Prints one JSON object per line on stdout and anything human on stderr.
/// </summary>
public static class Program
{
    static readonly Dictionary<string, Func<BenchOptions, Workload>> workloads = new()
    {
        ["gemm-256"] = _ => new GemmWorkload(256),
        ["gemm-512"] = _ => new GemmWorkload(512),
        ["gemm-1024"] = _ => new GemmWorkload(1024),
        ["gemm-2048"] = _ => new GemmWorkload(2048),
        ["mlp-train"] = _ => new MlpTrainWorkload(),
        ["mlp-infer-1"] = _ => new MlpInferWorkload(),
        ["tiny-mlp-step"] = _ => new TinyMlpStepWorkload(),
        ["cnn-train"] = _ => new CnnTrainWorkload(),
        ["lstm-train"] = _ => new LstmTrainWorkload(),
        ["transformer-train"] = _ => new TransformerTrainWorkload(),
        ["fmnist-mlp-5ep"] = o => new FashionMlpWorkload(o.DataDirectory, o.Seed),
        ["fmnist-cnn-3ep"] = o => new FashionCnnWorkload(o.DataDirectory, o.Seed),
    };

    public static int Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"myelin-bench: {e.Message}");
            Console.Error.WriteLine("usage: --workload NAME|all --threads N [--seconds S] [--data DIR] [--seed N]");
            Console.Error.WriteLine("workloads: " + string.Join(", ", workloads.Keys));
            return 2;
        }
        var names = options.Workload == "all" ? workloads.Keys.Where(k => !k.StartsWith("fmnist")).ToList() : [options.Workload];
        foreach (var name in names)
        {
            if (!workloads.TryGetValue(name, out var make))
            {
                Console.Error.WriteLine($"myelin-bench: unknown workload '{name}'. Known: {string.Join(", ", workloads.Keys)}, all.");
                return 2;
            }
        }
        Threading.MaxThreads = options.Threads;
        foreach (var name in names)
        {
            var workload = workloads[name](options);
            Console.Error.WriteLine($"{name}: setting up");
            workload.Setup();
            var once = workload.RunOnce();
            if (once is not null)
            {
                foreach (var (metric, value, unit) in once) Emit(name, options.Threads, metric, value, unit);
                continue;
            }
            double seconds = Harness.MedianSecondsPerCall(workload.Call, options.Seconds);
            double result = workload.Value(seconds);
            Console.Error.WriteLine($"{name}: {result.ToString("G6", CultureInfo.InvariantCulture)} {workload.Unit}");
            Emit(name, options.Threads, workload.Metric, result, workload.Unit);
        }
        return 0;
    }

    static void Emit(string workload, int threads, string metric, double value, string unit)
    {
        double peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        Console.Out.WriteLine(
            $"{{\"workload\":\"{workload}\",\"impl\":\"myelin\",\"threads\":{threads},\"metric\":\"{metric}\",\"value\":{F(value)},\"unit\":\"{unit}\",\"peak_rss_mb\":{F(peakMb)}}}");
        Console.Out.Flush();
    }
}

/// <summary>Parsed command line.</summary>
public sealed record BenchOptions(string Workload, int Threads, double Seconds, string? DataDirectory, int Seed)
{
    public static BenchOptions Parse(string[] args)
    {
        string? workload = null, data = null;
        int threads = Environment.ProcessorCount;
        double seconds = 3;
        int seed = 1;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--workload": workload = Next(); break;
                case "--threads":
                    if (!int.TryParse(Next(), out threads) || threads < 1) throw new ArgumentException("--threads must be a positive integer.");
                    break;
                case "--seconds":
                    if (!double.TryParse(Next(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) || seconds <= 0)
                        throw new ArgumentException("--seconds must be a positive number.");
                    break;
                case "--data": data = Next(); break;
                case "--seed":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out seed))
                        throw new ArgumentException("--seed must be a non-negative integer.");
                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'.");
            }
        }
        return new BenchOptions(workload ?? throw new ArgumentException("--workload is required."), threads, seconds, data, seed);
    }
}
