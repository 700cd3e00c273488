using System.Globalization;
using System.Text.Json;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Tests.Training;

// The test project's own Myelin.Tests.Losses namespace would hide Myelin.NN.Losses.
using Losses = Myelin.NN.Losses;

/// <summary>MetricsLogger writes one line per epoch with the history's exact values.</summary>
public class MetricsLoggerTests
{
    static History Fit(int epochs, params Callback[] callbacks)
    {
        var model = TrainingTestData.SmallClassifier(5);
        var trainer = new Trainer(model, new SGD(model.Parameters(), lr: 0.1), Losses.CrossEntropy,
            new TrainerOptions { ShuffleSeed = 4, Metrics = [new Accuracy()] });
        return trainer.Fit(TrainingTestData.Blobs(12, seed: 1), TrainingTestData.Blobs(6, seed: 2), epochs, batchSize: 4, callbacks: callbacks);
    }

    [Fact]
    public void CsvHasAHeaderAndOneRowPerEpoch()
    {
        using var directory = new TempDirectory();
        string path = directory.File(Path.Combine("logs", "metrics.csv"));

        var history = Fit(3, new MetricsLogger(path));

        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds", lines[0]);
        var columns = lines[0].Split(',');
        for (int row = 1; row <= 3; row++)
        {
            var fields = lines[row].Split(',');
            Assert.Equal(row.ToString(CultureInfo.InvariantCulture), fields[0]);
            for (int c = 1; c < columns.Length; c++)
                Assert.Equal(history[columns[c]][row - 1], double.Parse(fields[c], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void JsonLinesHasOneObjectPerEpoch()
    {
        using var directory = new TempDirectory();
        string path = directory.File("metrics.jsonl");

        var history = Fit(2, new MetricsLogger(path, MetricsLogFormat.JsonLines));

        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        for (int i = 0; i < 2; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            Assert.Equal(i + 1, root.GetProperty("epoch").GetInt32());
            Assert.Equal(0, root.GetProperty("skipped_batches").GetInt32());
            foreach (var key in history.Keys)
                Assert.Equal(history[key][i], root.GetProperty(key).GetDouble());
        }
    }

    [Fact]
    public void EachEpochIsOnDiskBeforeTheNextBegins()
    {
        using var directory = new TempDirectory();
        string path = directory.File("metrics.csv");
        var linesSeen = new List<int>();

        Fit(3, new MetricsLogger(path), new FileWatcher(path, linesSeen));

        Assert.Equal([1, 2, 3], linesSeen);   // rows on disk when epochs 2 and 3 begin, and when training ends
    }

    [Fact]
    public void AppendAddsRowsAndChecksTheHeader()
    {
        using var directory = new TempDirectory();
        string path = directory.File("metrics.csv");

        Fit(2, new MetricsLogger(path));
        Fit(1, new MetricsLogger(path, append: true));
        Assert.Equal(4, File.ReadAllLines(path).Length);
        Assert.Single(File.ReadAllLines(path), l => l.StartsWith("epoch,", StringComparison.Ordinal));

        Fit(1, new MetricsLogger(path));   // without append: starts afresh
        Assert.Equal(2, File.ReadAllLines(path).Length);

        File.WriteAllText(path, "epoch,loss\n1,0.5\n");
        var e = Assert.Throws<InvalidOperationException>(() => Fit(1, new MetricsLogger(path, append: true)));
        Assert.Contains("has the columns 'epoch,loss'", e.Message);
    }

    /// <summary>Counts the lines of a file at the start of each epoch.</summary>
    sealed class FileWatcher(string path, List<int> linesSeen) : Callback
    {
        public override void OnEpochBegin(TrainingContext context, int epoch)
        {
            if (epoch > 1) linesSeen.Add(File.ReadAllLines(path).Length - 1);
        }

        public override void OnTrainEnd(TrainingContext context) => linesSeen.Add(File.ReadAllLines(path).Length - 1);
    }
}
