using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Bench;

/// <summary>The BENCH.md CNN: two 3×3 convolutions with ReLU and 2×2 max pooling, then Linear(3136,128)-ReLU-Linear(128,10).</summary>
internal static class BenchCnn
{
    public static Sequential Create(Generator generator) => new(
        new Conv2d(1, 32, 3, padding: 1, generator: generator), new ReLU(), new MaxPool2d(2),
        new Conv2d(32, 64, 3, padding: 1, generator: generator), new ReLU(), new MaxPool2d(2),
        new Flatten(),
        new Linear(3136, 128, generator: generator), new ReLU(),
        new Linear(128, 10, generator: generator));
}

/// <summary>cnn-train: one Adam (lr 1e-3) step of the CNN on a fixed batch of 64 28×28 images.</summary>
public sealed class CnnTrainWorkload : Workload
{
    Sequential model = null!;
    Adam optimizer = null!;
    Tensor x = null!, y = null!;

    public override string Name => "cnn-train";
    public override string Metric => "samples_per_s";
    public override string Unit => "samples/s";

    public override void Setup()
    {
        var generator = new Generator(1);
        model = BenchCnn.Create(generator);
        optimizer = new Adam(model.Parameters(), lr: 1e-3);
        x = Tensor.Randn([64, 1, 28, 28], generator);
        y = Tensor.RandInt(0, 10, [64], generator);
    }

    public override void Call()
    {
        optimizer.ZeroGrad();
        F.CrossEntropy(model.Forward(x), y).Backward();
        optimizer.Step();
    }

    public override double Value(double secondsPerCall) => 64 / secondsPerCall;
}

/// <summary>fmnist-cnn-3ep: Fashion-MNIST, the CNN, Adam 1e-3, batch 64, 3 epochs; test accuracy and training seconds.</summary>
public sealed class FashionCnnWorkload(string? dataDirectory, int seed) : Workload
{
    LabeledData train = null!, test = null!;

    public override string Name => "fmnist-cnn-3ep";
    public override string Metric => "test_accuracy";
    public override string Unit => "fraction";

    public override void Setup()
    {
        string directory = dataDirectory ?? "/usr/share/datasets/fashion-mnist";
        train = Datasets.FashionMnist(directory, train: true);
        test = Datasets.FashionMnist(directory, train: false);
    }

    public override void Call() => throw new NotSupportedException("fmnist-cnn-3ep is a single training run.");

    public override double Value(double secondsPerCall) => throw new NotSupportedException();

    public override IReadOnlyList<(string Metric, double Value, string Unit)>? RunOnce()
    {
        var model = BenchCnn.Create(new Generator((ulong)seed));
        var optimizer = new Adam(model.Parameters(), lr: 1e-3);
        var loader = new DataLoader(train.ToDataset(), batchSize: 64, shuffle: true, seed: seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 0; epoch < 3; epoch++)
        {
            foreach (var (x, y) in loader)
            {
                optimizer.ZeroGrad();
                F.CrossEntropy(model.Forward(x), y).Backward();
                optimizer.Step();
            }
            Console.Error.WriteLine($"fmnist-cnn-3ep: epoch {epoch + 1} done at {clock.Elapsed.TotalSeconds:F1} s");
        }
        double seconds = clock.Elapsed.TotalSeconds;
        model.Eval();
        long correct = 0;
        using (Autograd.NoGrad())
        {
            foreach (var (x, y) in new DataLoader(test.ToDataset(), batchSize: 1000))
                correct += model.Forward(x).ArgMax(1).Eq(y).Sum().Item<long>();
        }
        return [("test_accuracy", correct / (double)test.Count, "fraction"), ("train_seconds", seconds, "s")];
    }
}
