using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Bench;

/// <summary>The BENCH.md MLP: Linear(784,256)-ReLU-Linear(256,128)-ReLU-Linear(128,10).</summary>
internal static class BenchModels
{
    public static Sequential Mlp(Generator generator) => new(
        new Linear(784, 256, generator: generator), new ReLU(),
        new Linear(256, 128, generator: generator), new ReLU(),
        new Linear(128, 10, generator: generator));
}

/// <summary>mlp-train: a full SGD step (momentum 0.9, lr 0.1) on a fixed batch of 128, cross-entropy.</summary>
public sealed class MlpTrainWorkload : Workload
{
    Sequential model = null!;
    SGD optimizer = null!;
    Tensor x = null!, y = null!;

    public override string Name => "mlp-train";
    public override string Metric => "samples_per_s";
    public override string Unit => "samples/s";

    public override void Setup()
    {
        var generator = new Generator(1);
        model = BenchModels.Mlp(generator);
        optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        x = Tensor.Randn([128, 784], generator);
        y = Tensor.RandInt(0, 10, [128], generator);
    }

    public override void Call()
    {
        optimizer.ZeroGrad();
        F.CrossEntropy(model.Forward(x), y).Backward();
        optimizer.Step();
    }

    public override double Value(double secondsPerCall) => 128 / secondsPerCall;
}

/// <summary>mlp-infer-1: the same MLP, one sample, forward only under NoGrad, reported as latency.</summary>
public sealed class MlpInferWorkload : Workload
{
    Sequential model = null!;
    Tensor x = null!;

    public override string Name => "mlp-infer-1";
    public override string Metric => "latency_us";
    public override string Unit => "us";

    public override void Setup()
    {
        var generator = new Generator(1);
        model = BenchModels.Mlp(generator);
        model.Eval();
        x = Tensor.Randn([1, 784], generator);
    }

    public override void Call()
    {
        using (Autograd.NoGrad()) model.Forward(x);
    }

    public override double Value(double secondsPerCall) => secondsPerCall * 1e6;
}

/// <summary>tiny-mlp-step: Linear(2,16)-ReLU-Linear(16,16)-ReLU-Linear(16,1), batch 1, MSE, SGD: one full step.</summary>
public sealed class TinyMlpStepWorkload : Workload
{
    Sequential model = null!;
    SGD optimizer = null!;
    Tensor x = null!, y = null!;

    public override string Name => "tiny-mlp-step";
    public override string Metric => "steps_per_s";
    public override string Unit => "steps/s";

    public override void Setup()
    {
        var generator = new Generator(1);
        model = new Sequential(new Linear(2, 16, generator: generator), new ReLU(), new Linear(16, 16, generator: generator), new ReLU(), new Linear(16, 1, generator: generator));
        optimizer = new SGD(model.Parameters(), lr: 0.01);
        x = Tensor.Randn([1, 2], generator);
        y = Tensor.Randn([1, 1], generator);
    }

    public override void Call()
    {
        optimizer.ZeroGrad();
        F.MSELoss(model.Forward(x), y).Backward();
        optimizer.Step();
    }

    public override double Value(double secondsPerCall) => 1 / secondsPerCall;
}

/// <summary>
/// fmnist-mlp-5ep: Fashion-MNIST (pixels/255), the MLP, SGD lr 0.1 momentum 0.9, batch 128,
/// 5 epochs shuffled with a fixed seed; reports test accuracy and training seconds.
/// </summary>
public sealed class FashionMlpWorkload(string? dataDirectory, int seed) : Workload
{
    LabeledData train = null!, test = null!;

    public override string Name => "fmnist-mlp-5ep";
    public override string Metric => "test_accuracy";
    public override string Unit => "fraction";

    public override void Setup()
    {
        string directory = dataDirectory ?? "/usr/share/datasets/fashion-mnist";
        train = Datasets.FashionMnist(directory, train: true, flatten: true);
        test = Datasets.FashionMnist(directory, train: false, flatten: true);
    }

    public override void Call() => throw new NotSupportedException("fmnist-mlp-5ep is a single training run.");

    public override double Value(double secondsPerCall) => throw new NotSupportedException();

    public override IReadOnlyList<(string Metric, double Value, string Unit)>? RunOnce()
    {
        var model = BenchModels.Mlp(new Generator((ulong)seed));
        var optimizer = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
        var loader = new DataLoader(train.ToDataset(), batchSize: 128, shuffle: true, seed: seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            foreach (var (x, y) in loader)
            {
                optimizer.ZeroGrad();
                F.CrossEntropy(model.Forward(x), y).Backward();
                optimizer.Step();
            }
            Console.Error.WriteLine($"fmnist-mlp-5ep: epoch {epoch + 1} done at {clock.Elapsed.TotalSeconds:F1} s");
        }
        double seconds = clock.Elapsed.TotalSeconds;
        model.Eval();
        double accuracy;
        using (Autograd.NoGrad())
            accuracy = model.Forward(test.Features).ArgMax(1).Eq(test.Labels).To(DType.Float32).Mean().Item();
        return [("test_accuracy", accuracy, "fraction"), ("train_seconds", seconds, "s")];
    }
}
