using Myelin.Data;
using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;
using Xunit.Abstractions;

namespace Myelin.Tests.SequenceDemos;

/// <summary>The noisy sine-wave data, its repeat-last baseline, and a recurrent forecaster that beats it.</summary>
[Collection(nameof(SequenceDemoLearning))]
public class ForecastTests(ITestOutputHelper output)
{
    [Fact]
    public void WavesWithoutNoiseAreSines()
    {
        var (clean, noisy) = NoisySineWaves.Wave(50, 0, new Generator(1));
        Assert.Equal(clean, noisy);
        double amplitude = clean.Max(Math.Abs);
        Assert.InRange(amplitude, 0.5 * Math.Cos(Math.PI / NoisySineWaves.MinPeriod), 1.5);
        // A sine satisfies x[t+1] + x[t-1] = 2·cos(ω)·x[t] with one ω for the whole wave.
        double ratio = (clean[2] + clean[0]) / clean[1];
        for (int t = 2; t < 49; t++)
            if (Math.Abs(clean[t]) > 0.1) Assert.Equal(ratio, (clean[t + 1] + clean[t - 1]) / clean[t], 6);
    }

    [Fact]
    public void WindowsHaveTheDocumentedShapesAndNoise()
    {
        var generator = new Generator(2);
        var (windows, next) = NoisySineWaves.Windows(300, 8, 0.2, generator);
        Assert.Equal([300, 8, 1], windows.Shape.ToArray());
        Assert.Equal([300, 1], next.Shape.ToArray());
        var (clean, noisy) = NoisySineWaves.Wave(20_000, 0.2, generator);
        double noiseStd = Math.Sqrt(clean.Zip(noisy, (c, n) => (n - c) * (n - c)).Average());
        Assert.InRange(noiseStd, 0.19, 0.21);
    }

    [Fact]
    public void RepeatLastMseIsTheMeanSquaredStepToTheNextValue()
    {
        var windows = Tensor.FromArray(new float[] { 0, 1, 2, 5, 4, 3 }, 2, 3, 1);
        var next = Tensor.FromArray(new float[] { 4, 1 }, 2, 1);
        // Last values 2 and 3: errors 2 and −2.
        Assert.Equal(4.0, NoisySineWaves.RepeatLastMse(windows, next), 6);
        Assert.Equal(4.0, NoisySineWaves.RepeatLastMse(windows.Reshape(2, 3), next), 6);
        var wrong = Assert.Throws<ArgumentException>(() => NoisySineWaves.RepeatLastMse(windows, Tensor.Zeros(3, 1)));
        Assert.Contains("[2, 3, 1]", wrong.Message);
        Assert.Contains("[3, 1]", wrong.Message);
    }

    [Fact]
    public void LstmBeatsRepeatingTheLastValue()
    {
        var generator = new Generator(3);
        var (trainX, trainY) = NoisySineWaves.Windows(1000, 12, 0.1, generator);
        var (testX, testY) = NoisySineWaves.Windows(400, 12, 0.1, generator);
        var model = new SineForecaster(RecurrentKind.LSTM, 16, generator);
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 1e-2), Myelin.NN.Losses.MSE,
            new TrainerOptions { BatchSize = 32, ShuffleSeed = 1, GradientClipNorm = 1.0 });
        trainer.Fit(new TensorDataset(trainX, trainY), epochs: 8);
        double mse = trainer.Evaluate(new TensorDataset(testX, testY)).Loss;
        double baseline = NoisySineWaves.RepeatLastMse(testX, testY);
        output.WriteLine($"test MSE {mse:F4}, repeat-last {baseline:F4}, noise floor 0.0100");
        Assert.True(mse < 0.5 * baseline, $"forecaster MSE {mse:F4} is not well below the repeat-last MSE {baseline:F4}");
    }

    [Fact]
    public void ForecastFeedsPredictionsBack()
    {
        var model = new SineForecaster(RecurrentKind.GRU, 4, new Generator(4));
        var history = Tensor.FromArray(new float[] { 0.1f, 0.5f, 0.9f });
        var forecast = model.Forecast(history, 3);
        Assert.Equal(3, forecast.Length);
        Assert.True(model.IsTraining, "forecasting puts the model back in training mode");
        using (Autograd.NoGrad())
        {
            Assert.Equal(model.Forward(Tensor.FromArray(new float[] { 0.1f, 0.5f, 0.9f }, 1, 3)).Item(), forecast[0], 6);
            Assert.Equal(model.Forward(Tensor.FromArray(new float[] { 0.5f, 0.9f, (float)forecast[0] }, 1, 3)).Item(), forecast[1], 6);
        }
        Assert.Empty(model.Forecast(history, 0));
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        var model = new SineForecaster(RecurrentKind.RNN, 4);
        var wrongShape = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(2, 5, 3)));
        Assert.Contains("SineForecaster", wrongShape.Message);
        Assert.Contains("[2, 5, 3]", wrongShape.Message);
        Assert.Throws<ArgumentException>(() => model.Forward(Tensor.FromArray(new long[] { 1, 2 }, 1, 2)));
        Assert.Throws<ArgumentException>(() => model.Forecast(Tensor.Zeros(2, 2), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forecast(Tensor.Zeros(2), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoisySineWaves.Windows(0, 5, 0.1, new Generator(1)));
        Assert.Contains("noise", Assert.Throws<ArgumentOutOfRangeException>(() => NoisySineWaves.Wave(5, -1, new Generator(1))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SineForecaster((RecurrentKind)7));
    }
}
