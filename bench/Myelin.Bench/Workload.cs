namespace Myelin.Bench;

/// <summary>One benchmark workload from BENCH.md: set up once, then call repeatedly.</summary>
public abstract class Workload
{
    /// <summary>The workload's name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>The metric reported (gflops, samples_per_s, latency_us, steps_per_s, …).</summary>
    public abstract string Metric { get; }

    /// <summary>The unit printed next to the value.</summary>
    public abstract string Unit { get; }

    /// <summary>Builds the fixed inputs and model (untimed).</summary>
    public abstract void Setup();

    /// <summary>One timed call.</summary>
    public abstract void Call();

    /// <summary>Turns the median seconds per call into the metric's value.</summary>
    public abstract double Value(double secondsPerCall);

    /// <summary>
    /// For workloads that are a whole training run (Fashion-MNIST): run once and return the lines
    /// to print as (metric, value, unit); null for ordinary timed workloads.
    /// </summary>
    public virtual IReadOnlyList<(string Metric, double Value, string Unit)>? RunOnce() => null;
}
