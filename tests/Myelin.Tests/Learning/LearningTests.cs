using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Xunit.Abstractions;

namespace Myelin.Tests.Learning;

/// <summary>
/// Proof that the pieces learn together: layers, losses, optimizers and the data pipeline train
/// real networks to stated accuracies in seconds.
/// </summary>
public class LearningTests(ITestOutputHelper output)
{
    static double Accuracy(Tensor logits, Tensor labels) =>
        logits.ArgMax(1).Eq(labels).To(DType.Float32).Mean().Item();

    static void TrainEpochs(Module model, Optimizer optimizer, Loss loss, IDataset data, int epochs, int batchSize, int seed)
    {
        var loader = new DataLoader(data, batchSize, shuffle: true, seed: seed);
        model.Train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            foreach (var (x, y) in loader)
            {
                optimizer.ZeroGrad();
                loss.Forward(model.Forward(x), y).Backward();
                optimizer.Step();
            }
        }
        model.Eval();
    }

    [Fact]
    public void MlpLearnsXor()
    {
        var generator = new Generator(3);
        var model = new Sequential(new Linear(2, 8, generator: generator), new Tanh(), new Linear(8, 1, generator: generator));
        var x = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var y = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });
        var optimizer = new Adam(model.Parameters(), lr: 0.05);
        for (int step = 0; step < 500; step++)
        {
            optimizer.ZeroGrad();
            F.BCEWithLogitsLoss(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        using (Autograd.NoGrad())
        {
            var predicted = model.Forward(x).Sigmoid().ToArray();
            Assert.True(predicted[0] < 0.1 && predicted[1] > 0.9 && predicted[2] > 0.9 && predicted[3] < 0.1,
                $"XOR outputs {string.Join(", ", predicted)}");
        }
    }

    [Fact]
    public void SpiralWithThreeClassesReachesNinetyPercent()
    {
        var data = Synthetic.Spiral(100, classes: 3, noise: 0.2, generator: new Generator(1));
        var generator = new Generator(2);
        var model = new Sequential(new Linear(2, 64, generator: generator), new ReLU(), new Linear(64, 64, generator: generator), new ReLU(), new Linear(64, 3, generator: generator));
        TrainEpochs(model, new Adam(model.Parameters(), lr: 0.01), Myelin.NN.Losses.CrossEntropy, data.ToDataset(), epochs: 200, batchSize: 32, seed: 4);
        double accuracy;
        using (Autograd.NoGrad()) accuracy = Accuracy(model.Forward(data.Features), data.Labels);
        output.WriteLine($"spiral training accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.90, $"training accuracy {accuracy:P1} on the 3-class spiral");
    }

    [Fact]
    public void DigitsReachNinetyFivePercentOnHeldOutData()
    {
        var (train, test) = Splits.TrainTestSplit(Datasets.Digits(), testFraction: 0.2, seed: 7, stratify: true);
        var scaler = new StandardScaler().Fit(train.Features);
        var trainSet = new TensorDataset(scaler.Transform(train.Features), train.Labels);
        var generator = new Generator(5);
        var model = new Sequential(new Linear(64, 64, generator: generator), new ReLU(), new Linear(64, 10, generator: generator));
        TrainEpochs(model, new SGD(model.Parameters(), lr: 0.05, momentum: 0.9), Myelin.NN.Losses.CrossEntropy, trainSet, epochs: 30, batchSize: 32, seed: 6);
        double accuracy;
        using (Autograd.NoGrad()) accuracy = Accuracy(model.Forward(scaler.Transform(test.Features)), test.Labels);
        output.WriteLine($"digits test accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P1} on held-out digits");
    }

    [Fact]
    public void RegressionOnNoisySineReachesTheNoiseFloor()
    {
        const double noise = 0.1;
        var data = Synthetic.NoisySine(512, noise, new Generator(8));
        var generator = new Generator(9);
        var model = new Sequential(new Linear(1, 32, generator: generator), new Tanh(), new Linear(32, 32, generator: generator), new Tanh(), new Linear(32, 1, generator: generator));
        TrainEpochs(model, new Adam(model.Parameters(), lr: 0.01), Myelin.NN.Losses.MSE, data.ToDataset(), epochs: 150, batchSize: 64, seed: 10);
        double mse, noiseOnly;
        using (Autograd.NoGrad())
        {
            mse = F.MSELoss(model.Forward(data.Features), data.Labels).Item();
            // The best any model can do is the noise itself: MSE of sin(x) against the noisy targets.
            noiseOnly = F.MSELoss(data.Features.Sin(), data.Labels).Item();
        }
        output.WriteLine($"sine fit MSE {mse:G4}, noise floor {noiseOnly:G4}");
        Assert.InRange(noiseOnly, 0.5 * noise * noise, 1.5 * noise * noise);
        Assert.True(mse < 1.2 * noiseOnly, $"fit MSE {mse:G4} vs noise floor {noiseOnly:G4}");
    }
}
