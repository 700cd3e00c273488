using Myelin.Data;
using Myelin.Examples;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// <c>forecast</c>: a recurrent network reads a window of past values of a noisy sine wave and predicts the next one;
/// its test error against the "repeat the last value" baseline and the noise floor, and a forecast run forward by
/// feeding its own predictions back.
/// </summary>
internal sealed class ForecastDemo : ISequenceDemo
{
    const int DefaultEpochs = 20;
    const int DefaultTrainSize = 4000;
    const int DefaultWindow = 20;
    const int DefaultHidden = 32;
    const double DefaultNoise = 0.1;
    const double DefaultLearningRate = 1e-2;
    const int ForecastSteps = 12;

    public string Name => "forecast";

    public string Summary => "an LSTM (or RNN, GRU) predicts the next value of noisy sine waves; its error vs repeating the last value";

    public IReadOnlyList<DemoOption> Options { get; } =
    [
        new("--model", "KIND", "the recurrent layer: lstm (default), gru or rnn"),
        new("--epochs", "N", $"passes over the training windows (default {DefaultEpochs})"),
        new("--train-size", "N", $"training windows, each from its own wave (default {DefaultTrainSize:N0}); validation and test get a quarter as many"),
        new("--window", "N", $"past values the model reads (default {DefaultWindow})"),
        new("--hidden", "N", $"the recurrent layer's state width (default {DefaultHidden})"),
        new("--noise", "X", $"standard deviation of the noise on every value (default {DefaultNoise})"),
        DemoOption.LearningRate(DefaultLearningRate),
        DemoOption.Seed,
    ];

    public int Run(DemoOptions options, TextWriter output)
    {
        var kind = options.Text("--model", "lstm") switch
        {
            "lstm" => RecurrentKind.LSTM,
            "gru" => RecurrentKind.GRU,
            "rnn" => RecurrentKind.RNN,
            var other => throw CliException.Usage($"--model must be lstm, gru or rnn, got '{other}'."),
        };
        int epochs = options.Int("--epochs", DefaultEpochs);
        int trainSize = options.Int("--train-size", DefaultTrainSize, min: 4);
        int window = options.Int("--window", DefaultWindow, min: 2, max: 1000);
        int hidden = options.Int("--hidden", DefaultHidden);
        double noise = options.Double("--noise", DefaultNoise, max: 10, minIncluded: true);
        double learningRate = options.LearningRate(DefaultLearningRate);
        var generator = new Generator(options.Seed);

        DemoHeading.Write(output, "Forecasting noisy sine waves with a recurrent network");
        output.WriteLine($"Each example is a window of {window} values of a sine wave with its own amplitude (0.5–1.5), period");
        output.WriteLine($"({NoisySineWaves.MinPeriod}–{NoisySineWaves.MaxPeriod} steps) and phase, with Gaussian noise of σ = {noise} on every value. " +
            "The target is the next (noisy) value.");
        var (trainX, trainY) = NoisySineWaves.Windows(trainSize, window, noise, generator);
        var (validX, validY) = NoisySineWaves.Windows(Math.Max(1, trainSize / 4), window, noise, generator);
        var (testX, testY) = NoisySineWaves.Windows(Math.Max(1, trainSize / 4), window, noise, generator);
        output.WriteLine($"Training windows: {trainX.Size(0):N0}; validation: {validX.Size(0):N0}; test: {testX.Size(0):N0} (all from different waves).");
        output.WriteLine();

        double repeatLast = NoisySineWaves.RepeatLastMse(testX, testY);
        double noiseFloor = noise * noise;
        output.WriteLine("Baselines on the test windows (mean squared error, MSE):");
        output.WriteLine($"  repeat the last value:           {repeatLast:F4}");
        output.WriteLine($"  the noise alone (σ², the floor): {noiseFloor:F4}  no forecaster can predict the noise of the next value");
        output.WriteLine();

        var model = new SineForecaster(kind, hidden, generator);
        var optimizer = new Adam(model.Parameters(), lr: learningRate);
        // The learning rate falls along a half cosine to 0 over the epochs, so the last epochs settle rather than jitter.
        var trainer = new Trainer(model, optimizer, Losses.MSE, new TrainerOptions
        {
            BatchSize = 64,
            ShuffleSeed = (int)(options.Seed % int.MaxValue),
            GradientClipNorm = 1.0,
            Scheduler = new CosineAnnealingLR(optimizer, tMax: epochs),
        });
        output.WriteLine($"Model: {kind} with {hidden} hidden units reads the window one value at a time; a linear layer turns its last");
        output.WriteLine($"state into the prediction ({model.NumParameters():N0} parameters). Adam, learning rate {learningRate} falling to 0 along a");
        output.WriteLine("half cosine (so the last epochs settle), 64 windows a step.");
        output.WriteLine();
        output.WriteLine("epoch  train MSE  val MSE  seconds");
        var train = new TensorDataset(trainX, trainY);
        var validation = new TensorDataset(validX, validY);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var logs = trainer.Fit(train, validation, epochs: 1).Last!;
            output.WriteLine($"{epoch,5}  {logs.Loss,9:F4}  {logs.ValidationLoss,7:F4}  {logs.Seconds,7:F1}");
        }
        output.WriteLine();

        double testMse = trainer.Evaluate(new TensorDataset(testX, testY)).Loss;
        output.WriteLine($"Test MSE {testMse:F4} vs {repeatLast:F4} for repeating the last value: " +
            (testMse < repeatLast ? $"{repeatLast / testMse:F1} times smaller." : "the model does not beat the baseline yet; train longer."));
        output.WriteLine($"Above the noise floor by {testMse - noiseFloor:F4}: what is left to learn about the waves themselves.");
        output.WriteLine();
        WriteForecast(model, window, noise, generator, output);
        return ExitCodes.Success;
    }

    /// <summary>A fresh wave: the model sees a window, then runs on its own predictions for a few steps.</summary>
    static void WriteForecast(SineForecaster model, int window, double noise, Generator generator, TextWriter output)
    {
        var (clean, noisy) = NoisySineWaves.Wave(window + ForecastSteps, noise, generator);
        var forecast = model.Forecast(Tensor.FromArray(noisy[..window]), ForecastSteps);
        output.WriteLine($"Forecasting a new wave {ForecastSteps} steps ahead: after the first step the model reads its own predictions,");
        output.WriteLine("so errors can build up. The clean wave is what it should follow; the noisy values are what was measured.");
        output.WriteLine("step  clean wave  measured  forecast");
        for (int s = 0; s < ForecastSteps; s++)
            output.WriteLine($"{s + 1,4}  {clean[window + s],10:F3}  {noisy[window + s],8:F3}  {forecast[s],8:F3}");
        double error = Enumerable.Range(0, ForecastSteps).Average(s => Math.Pow(forecast[s] - clean[window + s], 2));
        output.WriteLine($"Mean squared distance from the clean wave over the {ForecastSteps} steps: {error:F4}.");
    }
}
