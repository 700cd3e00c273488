using Myelin.Learn;

namespace Myelin.Tests.Learn;

public class PerceptronTests
{
    static readonly double[][] TwoBitInputs = [[0, 0], [0, 1], [1, 0], [1, 1]];

    [Fact]
    public void SweetsPerceptronFiresExactlyWhenTheFavouriteSweetIsPresent()
    {
        var sweets = Perceptron.FromThreshold([2, 6, 2], threshold: 5);

        Assert.Equal(5, sweets.Threshold);
        Assert.Equal(-5, sweets.Bias);
        for (int row = 0; row < 8; row++)
        {
            double[] x = [row >> 2 & 1, row >> 1 & 1, row & 1];
            Assert.Equal((int)x[1], sweets.Fire(x));
        }
    }

    [Fact]
    public void WeightsMinusTwoMinusTwoAndBiasThreeComputeNand()
    {
        var nand = new Perceptron([-2, -2], bias: 3);
        Assert.Equal([1, 1, 1, 0], TwoBitInputs.Select(x => nand.Fire(x)));
        Assert.Equal([3, 1, 1, -1], TwoBitInputs.Select(x => nand.WeightedSum(x)));
    }

    [Fact]
    public void FiresWhenTheSumIsExactlyZeroLikeTheStepModule()
    {
        var perceptron = new Perceptron([1, 1], bias: -1);
        Assert.Equal(1, perceptron.Fire([1, 0]));
        Assert.Equal(0, perceptron.Fire([0, 0]));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 1 })]   // AND
    [InlineData(new[] { 0, 1, 1, 1 })]   // OR
    [InlineData(new[] { 1, 1, 1, 0 })]   // NAND
    public void LearningRuleConvergesOnLinearlySeparableFunctions(int[] targets)
    {
        var perceptron = new Perceptron([0, 0]);
        PerceptronTrainingReport report = perceptron.Train(TwoBitInputs, targets, learningRate: 1, maxEpochs: 50);

        Assert.True(report.Converged);
        Assert.Equal(report.Epochs, report.MistakesPerEpoch.Count);
        Assert.Equal(0, report.MistakesPerEpoch[^1]);
        Assert.All(report.MistakesPerEpoch.Take(report.Epochs - 1), m => Assert.True(m > 0));
        Assert.Equal(targets, TwoBitInputs.Select(x => perceptron.Fire(x)));
        Assert.StartsWith("converged after", report.ToString());
    }

    [Fact]
    public void AndIsLearnedInSixEpochsFromZeroWeights()
    {
        // Worked by hand: corrections happen in epochs 1–5, epoch 6 makes no mistake.
        var perceptron = new Perceptron([0, 0]);
        PerceptronTrainingReport report = perceptron.Train(TwoBitInputs, [0, 0, 0, 1]);
        Assert.Equal(6, report.Epochs);
        Assert.Equal([2, 3, 3, 2, 1, 0], report.MistakesPerEpoch);
        Assert.Equal([2.0, 1.0], perceptron.Weights);
        Assert.Equal(-3, perceptron.Bias);
    }

    [Fact]
    public void LearningRuleNeverConvergesOnXor()
    {
        var perceptron = new Perceptron([0, 0]);
        PerceptronTrainingReport report = perceptron.Train(TwoBitInputs, [0, 1, 1, 0], maxEpochs: 200);

        Assert.False(report.Converged);
        Assert.Equal(200, report.Epochs);
        Assert.All(report.MistakesPerEpoch, m => Assert.True(m > 0));
        Assert.Contains("did not converge in 200 epochs", report.ToString());
    }

    [Fact]
    public void ToModuleComputesTheSameOutputs()
    {
        var sweets = Perceptron.FromThreshold([2, 6, 2], threshold: 5);
        var inputs = Tensor.FromArray(Enumerable.Range(0, 8).SelectMany(r => new float[] { r >> 2 & 1, r >> 1 & 1, r & 1 }).ToArray(), 8, 3);

        float[] outputs;
        using (Autograd.NoGrad()) outputs = sweets.ToModule().Forward(inputs).ToArray();

        Assert.Equal(Enumerable.Range(0, 8).Select(r => (float)(r >> 1 & 1)), outputs);
    }

    [Fact]
    public void BadInputIsRejectedWithAClearMessage()
    {
        Assert.Contains("at least one weight", Assert.Throws<ArgumentException>(() => new Perceptron([])).Message);
        Assert.Contains("weight 1 must be a finite number", Assert.Throws<ArgumentException>(() => new Perceptron([1, double.NaN])).Message);
        Assert.Contains("bias", Assert.Throws<ArgumentException>(() => new Perceptron([1], double.PositiveInfinity)).Message);

        var perceptron = new Perceptron([1, 1]);
        Assert.Contains("expected 2 inputs (one per weight), got 3", Assert.Throws<ArgumentException>(() => perceptron.Fire([1, 0, 1])).Message);
        Assert.Contains("4 examples but 3 targets", Assert.Throws<ArgumentException>(() => perceptron.Train(TwoBitInputs, [0, 1, 1])).Message);
        Assert.Contains("target 2 is 2; targets must be 0 or 1", Assert.Throws<ArgumentException>(() => perceptron.Train(TwoBitInputs, [0, 1, 2, 0])).Message);
        Assert.Contains("example 1: expected 2 inputs", Assert.Throws<ArgumentException>(() => perceptron.Train([[0, 0], [1]], [0, 1])).Message);
        Assert.Contains("at least one example", Assert.Throws<ArgumentException>(() => perceptron.Train([], [])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => perceptron.Train(TwoBitInputs, [0, 0, 0, 1], learningRate: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => perceptron.Train(TwoBitInputs, [0, 0, 0, 1], maxEpochs: 0));
    }

    [Fact]
    public void HalfAdderOfNandPerceptronsAddsTwoBits()
    {
        var adder = new HalfAdder();
        Assert.Equal((0, 0), adder.Add(0, 0));
        Assert.Equal((1, 0), adder.Add(0, 1));
        Assert.Equal((1, 0), adder.Add(1, 0));
        Assert.Equal((0, 1), adder.Add(1, 1));
        Assert.Equal([-2.0, -2.0], adder.Nand.Weights);
        Assert.Equal(3, adder.Nand.Bias);
        Assert.Throws<ArgumentOutOfRangeException>(() => adder.Add(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => adder.Add(0, -1));
    }

    [Fact]
    public void SmallWeightChangeFlipsThePerceptronButBarelyMovesTheSigmoid()
    {
        WeightNudge nudge = WeightNudge.Apply([0.6, 0.4], -1.0005, [1, 1], weightIndex: 0, delta: 0.001);

        Assert.True(nudge.PerceptronFlipped);
        Assert.Equal((0, 1), (nudge.PerceptronBefore, nudge.PerceptronAfter));
        Assert.Equal(-0.0005, nudge.WeightedSumBefore, 12);
        Assert.Equal(0.0005, nudge.WeightedSumAfter, 12);
        // σ'(0) = 1/4, so a change of 0.001 in z moves σ by about 0.00025.
        Assert.Equal(0.00025, nudge.SigmoidChange, 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightNudge.Apply([1, 1], 0, [1, 1], weightIndex: 2, delta: 0.1));
        Assert.Throws<ArgumentException>(() => WeightNudge.Apply([1, 1], 0, [1], weightIndex: 0, delta: 0.1));
    }
}
