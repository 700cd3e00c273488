namespace Myelin.Bench;

/// <summary>gemm-N: square float32 product C = A·B, reported in GFLOP/s (2n³ per call).</summary>
public sealed class GemmWorkload(int n) : Workload
{
    Tensor a = null!, b = null!;

    public override string Name => $"gemm-{n}";
    public override string Metric => "gflops";
    public override string Unit => "GFLOP/s";

    public override void Setup()
    {
        var generator = new Generator(1);
        a = Tensor.Randn([n, n], generator);
        b = Tensor.Randn([n, n], generator);
    }

    public override void Call() => a.MatMul(b);

    public override double Value(double secondsPerCall) => 2.0 * n * n * n / secondsPerCall / 1e9;
}
