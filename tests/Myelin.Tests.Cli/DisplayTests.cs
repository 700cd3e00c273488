using Myelin.Cli.Display;
using Myelin.Cli.Training;

namespace Myelin.Tests.Cli;

public sealed class DisplayTests
{
    static TrainingOutcome FakeTraining(ITrainingObserver observer)
    {
        var records = new List<EpochRecord>();
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            observer.EpochStarted(epoch, 2, 4);
            for (int batch = 1; batch <= 4; batch++) observer.BatchCompleted(batch, 4, 1.0 / (epoch * batch));
            var record = new EpochRecord(epoch, 0.5 / epoch, 0.8 + epoch / 100.0, 0.6 / epoch, 0.75 + epoch / 100.0, TimeSpan.FromMilliseconds(250));
            records.Add(record);
            observer.EpochCompleted(record);
        }
        return new TrainingOutcome(records, 2, false, false);
    }

    [Fact]
    public void PlainDisplayWritesOneLinePerEpoch()
    {
        var output = new StringWriter();
        var outcome = new PlainTrainingDisplay(CliHarness.CreateConsole(output), new EpochColumns(true, true)).Run(FakeTraining);
        Assert.Equal(2, outcome.Epochs.Count);
        Assert.Equal(
            "epoch 1/2  loss 0.5000  accuracy 81.00%  val_loss 0.6000  val_accuracy 76.00%  time 0.25 s\n" +
            "epoch 2/2  loss 0.2500  accuracy 82.00%  val_loss 0.3000  val_accuracy 77.00%  time 0.25 s\n",
            output.ToString());
    }

    [Fact]
    public void LiveDisplayDrawsTheEpochTableAndAProgressBar()
    {
        var output = new StringWriter();
        var console = CliHarness.CreateConsole(output, interactive: true);
        new LiveTrainingDisplay(console, new EpochColumns(true, true)).Run(FakeTraining);
        string text = output.ToString();
        Assert.Contains("Val accuracy", text);
        Assert.Contains("batches", text);               // the bar of the running epoch
        Assert.Contains("1/2", text);
        Assert.Contains("82.00%", text);                // the last row of the table
        Assert.Contains("\u001b[", text);               // drawn in place with ANSI cursor movement
    }

    [Fact]
    public void RegressionWithoutValidationShowsOnlyTheLoss()
    {
        var columns = new EpochColumns(Accuracy: false, Validation: false);
        Assert.Equal(["Epoch", "Loss", "Time"], columns.Headers());
        var record = new EpochRecord(3, 0.125, null, null, null, TimeSpan.FromSeconds(1.5));
        Assert.Equal("epoch 3/10  loss 0.1250  time 1.50 s", columns.Line(record, 10));
    }
}
