using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;
using static Myelin.Tests.Training.TrainingFixtures;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>
/// Trainer.Fit against the same training written as a plain PyTorch loop: per-epoch losses,
/// metrics and learning rates, the final weights and the final model's predictions. Covers
/// sample-weighted epoch losses with a short last batch, metrics on pre-step outputs, validation
/// in evaluation mode, gradient clipping and an epoch schedule.
/// </summary>
public class FitFixtureTests
{
    [Theory]
    [InlineData("classification_sgd_clip_steplr")]
    [InlineData("regression_adam")]
    public void FitMatchesThePyTorchLoop(string name)
    {
        var c = Case(name);
        bool classification = c.GetProperty("kind").GetString() == "classification";
        var labelType = classification ? DType.Int64 : DType.Float32;
        var train = new TensorDataset(Decode(c.GetProperty("x_train"), DType.Float32), Decode(c.GetProperty("y_train"), labelType));
        var validation = new TensorDataset(Decode(c.GetProperty("x_val"), DType.Float32), Decode(c.GetProperty("y_val"), labelType));

        var model = new Sequential(new Linear(4, 8), new Tanh(), new Linear(8, classification ? 3 : 2));
        model.LoadStateDict(DecodeState(c.GetProperty("initial_state")));
        Optimizer optimizer = c.GetProperty("optimizer").GetString() == "SGD"
            ? new SGD(model.Parameters(), lr: 0.1, momentum: 0.9)
            : new Adam(model.Parameters(), lr: 0.05);
        var clip = c.GetProperty("clip_norm");
        var options = new TrainerOptions
        {
            Shuffle = false,
            GradientClipNorm = clip.ValueKind == System.Text.Json.JsonValueKind.Null ? null : clip.GetDouble(),
            Scheduler = c.GetProperty("step_lr").GetBoolean() ? new StepLR(optimizer, stepSize: 1, gamma: 0.5) : null,
            Metrics = classification ? [new Accuracy()] : [new MeanAbsoluteError(), new RootMeanSquaredError()],
        };
        Loss loss = classification ? Losses.CrossEntropy : Losses.MSE;

        var history = new Trainer(model, optimizer, loss, options)
            .Fit(train, validation, epochs: c.GetProperty("epochs").GetInt32(), batchSize: c.GetProperty("batch_size").GetInt32());

        var expected = c.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, history.Epochs);
        for (int e = 0; e < expected.Length; e++)
            foreach (var value in expected[e].EnumerateObject())
            {
                // The first epoch starts from identical weights (forward tolerance); later ones
                // follow weights that went through float32 gradient steps (gradient tolerance).
                double tolerance = e == 0 && value.Name == "loss" ? 1e-5 : 1e-4;
                AssertClose(value.Value.GetDouble(), history.Records[e][value.Name], tolerance, $"{name}: epoch {e + 1} {value.Name}");
            }

        foreach (var (key, tensor) in DecodeState(c.GetProperty("final_state")))
        {
            var actual = model.StateDict()[key].ToArray<double>();
            var want = tensor.ToArray<double>();
            for (int i = 0; i < want.Length; i++) AssertClose(want[i], actual[i], 1e-4, $"{name}: final {key}[{i}]");
        }

        var predictions = new Trainer(model, optimizer, loss).Predict(validation).ToArray<double>();
        var wantPredictions = Decode(c.GetProperty("val_predictions"), DType.Float32).ToArray<double>();
        for (int i = 0; i < wantPredictions.Length; i++) AssertClose(wantPredictions[i], predictions[i], 1e-4, $"{name}: prediction {i}");
    }
}
