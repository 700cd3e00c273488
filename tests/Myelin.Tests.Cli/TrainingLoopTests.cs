using Myelin.Cli.Training;
using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Cli;

public sealed class TrainingLoopTests
{
    sealed class Recorder : ITrainingObserver
    {
        public List<EpochRecord> Epochs { get; } = [];
        public int Batches { get; private set; }
        public void EpochStarted(int epoch, int epochs, int batches) { }
        public void BatchCompleted(int batch, int batches, double meanLoss) => Batches++;
        public void EpochCompleted(EpochRecord record) => Epochs.Add(record);
    }

    static (TensorDataset Train, TensorDataset Validation) Blobs()
    {
        var data = Synthetic.Moons(120, noise: 0.1, new Generator(1));
        var (train, validation) = Splits.TrainTestSplit(data, 0.25, seed: 1, stratify: true);
        return (train.ToDataset(), validation.ToDataset());
    }

    static EvaluationResult Evaluate(Module model, Loss loss, IDataset data) =>
        new Trainer(model, new SGD(model.Parameters(), lr: 0), loss, new TrainerOptions { Metrics = [new Accuracy()] }).Evaluate(data);

    [Fact]
    public void WithoutImprovementTrainingStopsAfterThePatienceAndKeepsTheBestEpoch()
    {
        var (train, validation) = Blobs();
        var model = new Sequential(new Linear(2, 8, generator: new Generator(2)), new ReLU(), new Linear(8, 2, generator: new Generator(3)));
        var before = model.StateDict().ToDictionary(e => e.Key, e => e.Value.Clone());
        // A zero learning rate never changes the weights, so the validation loss never improves after epoch 1.
        var job = new TrainingJob(model, new SGD(model.Parameters(), lr: 0), new CrossEntropyLoss(), train, validation,
            Epochs: 20, BatchSize: 16, Patience: 2, Seed: 1, MeasureAccuracy: true);
        var recorder = new Recorder();
        var outcome = new TrainerTrainingLoop().Fit(job, recorder, CancellationToken.None);

        Assert.True(outcome.StoppedEarly);
        Assert.Equal(3, outcome.Epochs.Count);
        Assert.Equal(1, outcome.BestEpoch);
        Assert.Equal(outcome.Epochs, recorder.Epochs);
        Assert.Equal(3 * 6, recorder.Batches);   // 90 samples in batches of 16
        Assert.All(outcome.Epochs, e => Assert.Equal(outcome.Epochs[0].ValidationLoss, e.ValidationLoss));
        foreach (var (key, value) in model.StateDict()) Assert.Equal(before[key].ToArray(), value.ToArray());
    }

    [Fact]
    public void TrainingImprovesAndReportsMeasurementsThatAgreeWithAFreshEvaluation()
    {
        var (train, validation) = Blobs();
        var model = new Sequential(new Linear(2, 16, generator: new Generator(2)), new Tanh(), new Linear(16, 2, generator: new Generator(3)));
        var loss = new CrossEntropyLoss();
        var job = new TrainingJob(model, new Adam(model.Parameters(), lr: 0.05), loss, train, validation,
            Epochs: 15, BatchSize: 16, Patience: 0, Seed: 1, MeasureAccuracy: true);
        var outcome = new TrainerTrainingLoop().Fit(job, new Recorder(), CancellationToken.None);

        Assert.False(outcome.StoppedEarly);
        Assert.Equal(15, outcome.Epochs.Count);
        Assert.Equal(15, outcome.BestEpoch);
        Assert.True(outcome.Epochs[^1].Loss < outcome.Epochs[0].Loss / 2);
        Assert.True(outcome.Epochs[^1].ValidationAccuracy > 0.85);
        var fresh = Evaluate(model, loss, validation);
        Assert.Equal(outcome.Epochs[^1].ValidationLoss!.Value, fresh.Loss, 6);
        Assert.Equal(outcome.Epochs[^1].ValidationAccuracy!.Value, fresh["accuracy"], 12);
    }

    [Fact]
    public void EarlyStoppingRestoresTheWeightsOfTheBestEpoch()
    {
        var (train, validation) = Blobs();
        var model = new Sequential(new Linear(2, 32, generator: new Generator(2)), new ReLU(), new Linear(32, 2, generator: new Generator(3)));
        var loss = new CrossEntropyLoss();
        // A learning rate far too large: the validation loss soon gets worse and training stops.
        var job = new TrainingJob(model, new SGD(model.Parameters(), lr: 8), loss, train, validation,
            Epochs: 40, BatchSize: 8, Patience: 2, Seed: 1, MeasureAccuracy: true);
        var outcome = new TrainerTrainingLoop().Fit(job, new Recorder(), CancellationToken.None);

        Assert.True(outcome.BestEpoch < outcome.Epochs.Count);
        double best = outcome.Epochs.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(best, outcome.Epochs[outcome.BestEpoch - 1].ValidationLoss!.Value);
        Assert.Equal(best, Evaluate(model, loss, validation).Loss, 6);
    }
}
