using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>ProgressCallback's text output.</summary>
public class ProgressCallbackTests
{
    static History Fit(int epochs, params Callback[] callbacks)
    {
        var model = TrainingTestData.SmallClassifier(8);
        var trainer = new Trainer(model, new SGD(model.Parameters(), lr: 0.1), Losses.CrossEntropy,
            new TrainerOptions { ShuffleSeed = 1, Metrics = [new Accuracy()] });
        return trainer.Fit(TrainingTestData.Blobs(12, seed: 1), TrainingTestData.Blobs(4, seed: 2), epochs, batchSize: 4, callbacks: callbacks);
    }

    [Fact]
    public void WritesOneLinePerEpoch()
    {
        var writer = new StringWriter();
        var history = Fit(2, new ProgressCallback(writer));

        var lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"Epoch 1/2: loss {history["loss"][0].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}, accuracy ", lines[0]);
        Assert.Contains(", val_loss ", lines[1]);
        Assert.Contains(", lr 0.1 (", lines[1]);
        Assert.EndsWith(" s)", lines[1]);
        Assert.DoesNotContain('\r', writer.ToString());
    }

    [Fact]
    public void DrawsABarDuringEachEpochAndPrintsTheStopReason()
    {
        var writer = new StringWriter();
        Fit(3, new ProgressCallback(writer, showBatches: true), new RecordingCallback { StopAtEpoch = 1 });

        string text = writer.ToString();
        Assert.Contains("\rEpoch 1/3 [=======>            ] 1/3 loss ", text);
        Assert.Contains("[====================] 3/3", text);
        Assert.Contains("\rEpoch 1/3: loss ", text);
        Assert.EndsWith("stop requested at epoch 1" + Environment.NewLine, text);
    }
}
