using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>The learning test: a small MLP trained with Fit on the digits data set generalises.</summary>
public class DigitsTrainingTests
{
    [Fact]
    public void MlpReachesNinetyFivePercentTestAccuracy()
    {
        var (train, validation, test) = TrainingTestData.Digits;
        var model = TrainingTestData.DigitsMlp(seed: 1, hidden: 64);
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 3e-3), Losses.CrossEntropy,
            new TrainerOptions { Metrics = [new Accuracy(), new F1Score()], ShuffleSeed = 1 });

        var history = trainer.Fit(train, validation, epochs: 20, batchSize: 32);
        var result = trainer.Evaluate(test);

        Assert.True(result["accuracy"] >= 0.95, $"test accuracy {result["accuracy"]:P2} is below 95%\n{history}");
        Assert.True(result["f1"] >= 0.94, $"test macro F1 {result["f1"]:F3}");
        Assert.Equal(test.Count, result.Samples);
        Assert.Equal(20, history.Epochs);
        Assert.True(history["loss"][^1] < history["loss"][0] / 5, "the training loss should fall several-fold");
        Assert.True(history["val_accuracy"][^1] >= 0.93, $"validation accuracy {history["val_accuracy"][^1]:P2}");
    }
}
