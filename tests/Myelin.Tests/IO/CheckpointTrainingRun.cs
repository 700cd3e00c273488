using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Tests.IO.Model;

/// <summary>
/// A small classification run for the resume tests: an MLP with batch normalisation and dropout, an
/// optimizer with state (SGD with momentum, or Adam), a StepLR schedule, and one generator that both
/// shuffles the data and draws the dropout masks.
/// </summary>
internal sealed class CheckpointTrainingRun
{
    public CheckpointTrainingRun(string optimizerKind, ulong initSeed, ulong generatorSeed)
    {
        Generator = new Generator(generatorSeed);
        var init = new Generator(initSeed);
        Model = new Sequential(
            new Linear(4, 16, generator: init),
            new BatchNorm1d(16),
            new ReLU(),
            new Dropout(0.2, Generator),
            new Linear(16, 3, generator: init));
        Optimizer = optimizerKind switch
        {
            "sgd" => new SGD(Model.Parameters(), lr: 0.1, momentum: 0.9),
            "adam" => new Adam(Model.Parameters(), lr: 0.01),
            _ => throw new ArgumentException(optimizerKind),
        };
        Scheduler = new StepLR(Optimizer, stepSize: 1, gamma: 0.5);
        Loader = new DataLoader(Data, batchSize: 10, shuffle: true, generator: Generator);
    }

    /// <summary>46 samples (the last batch has 6), 4 features, the label is the largest of the first three.</summary>
    static TensorDataset Data { get; } = MakeData();

    static TensorDataset MakeData()
    {
        var features = Tensor.Randn([46, 4], new Generator(2024));
        return new TensorDataset(features, features.Narrow(1, 0, 3).ArgMax(1));
    }

    public Sequential Model { get; }
    public Optimizer Optimizer { get; }
    public StepLR Scheduler { get; }
    public Generator Generator { get; }
    public DataLoader Loader { get; }
    public long Step { get; set; }

    public void TrainEpoch()
    {
        Model.Train();
        foreach (var (x, y) in Loader)
        {
            var loss = F.CrossEntropy(Model.Forward(x), y);
            Optimizer.ZeroGrad();
            loss.Backward();
            Optimizer.Step();
            Step++;
        }
        Scheduler.Step();
    }
}
