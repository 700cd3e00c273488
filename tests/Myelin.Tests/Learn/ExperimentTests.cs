using Myelin.Learn;
using Myelin.NN;

namespace Myelin.Tests.Learn;

public class ExperimentTests
{
    [Fact]
    public void TwoSigmoidLayersLearnXor()
    {
        var (_, losses, outputs) = XorNetwork.Train();
        Assert.True(losses[^1] < 0.05 * losses[0]);
        Assert.Equal([false, true, true, false], outputs.Select(o => o > 0.5f));
    }

    [Fact]
    public void SlowdownRunsMatchPyTorch()
    {
        var fixture = LearnFixtures.Section("slowdown");
        SlowdownRun mse = LearningSlowdown.Train(crossEntropy: false, epochs: 50);
        SlowdownRun ce = LearningSlowdown.Train(crossEntropy: true, epochs: 50);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("mse").GetProperty("losses")), mse.Losses, 1e-9);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("mse").GetProperty("outputs")), mse.Outputs, 1e-9);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("cross_entropy").GetProperty("losses")), ce.Losses, 1e-9);
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("cross_entropy").GetProperty("outputs")), ce.Outputs, 1e-9);
    }

    [Fact]
    public void CrossEntropyLearnsFasterEarlyOn()
    {
        SlowdownRun mse = LearningSlowdown.Train(crossEntropy: false), ce = LearningSlowdown.Train(crossEntropy: true);
        Assert.Equal(0.982, mse.Outputs[0], 3);
        Assert.Equal(mse.Outputs[0], ce.Outputs[0]);
        foreach (int epoch in new[] { 10, 30, 50 })
        {
            Assert.True(ce.RelativeLoss(epoch) < mse.RelativeLoss(epoch), $"epoch {epoch}");
            Assert.True(ce.Outputs[epoch] < mse.Outputs[epoch], $"epoch {epoch}");
        }
        // Squared error barely moves in the first 30 epochs; cross-entropy has lost most of its loss.
        Assert.True(mse.RelativeLoss(30) > 0.9);
        Assert.True(ce.RelativeLoss(30) < 0.2);
        Assert.Equal(2, LearningSlowdown.Charts(mse, ce).Length);
    }

    [Fact]
    public void OneHiddenLayerFitsSineAndMoreNeuronsFitBetter()
    {
        ApproximationFit one = UniversalApproximation.Fit(1), four = UniversalApproximation.Fit(4), sixteen = UniversalApproximation.Fit(16);
        Assert.True(sixteen.MeanSquaredError < 1e-3, $"MSE with 16 neurons {sixteen.MeanSquaredError}");
        Assert.True(four.MeanSquaredError < one.MeanSquaredError);
        Assert.True(sixteen.MeanSquaredError < one.MeanSquaredError / 100);
        Assert.Equal(Math.Sin(sixteen.X[10]), sixteen.Target[10], 6);
        Assert.Equal(100, sixteen.Prediction.Count);
    }

    [Fact]
    public void SigmoidGradientsVanishInTheFirstLayers()
    {
        double[] sigmoid = VanishingGradients.LayerGradientNorms("sigmoid"), relu = VanishingGradients.LayerGradientNorms("relu");
        Assert.Equal(10, sigmoid.Length);
        Assert.True(sigmoid[0] < 1e-2 * relu[0], $"sigmoid {sigmoid[0]}, ReLU {relu[0]}");
        Assert.True(sigmoid[0] < 1e-3 * sigmoid[^1], "the gradient shrinks from the last layer to the first");
        Assert.True(relu[0] > 0.1 * relu[^1], "ReLU keeps the gradients of all layers about the same size");
        Assert.Throws<ArgumentException>(() => VanishingGradients.LayerGradientNorms("swish"));
    }

    [Fact]
    public void LayerGradientNormsMatchPyTorch()
    {
        var fixture = LearnFixtures.Section("deep_network");
        int width = fixture.GetProperty("width").GetInt32();
        var weights = fixture.GetProperty("weights").EnumerateArray().Select(LearnFixtures.Doubles).ToArray();
        var biases = fixture.GetProperty("biases").EnumerateArray().Select(LearnFixtures.Doubles).ToArray();
        var model = new Sequential();
        for (int l = 0; l < weights.Length; l++)
        {
            int outputs = biases[l].Length;
            var linear = new Linear(width, outputs, dtype: DType.Float64);
            using (Autograd.NoGrad())
            {
                linear.Weight.CopyFrom(Tensor.FromArray(weights[l], outputs, width));
                linear.Bias!.CopyFrom(Tensor.FromArray(biases[l], outputs));
            }
            model.Add(linear);
            if (l < weights.Length - 1) model.Add(new Sigmoid());
        }
        double[] input = LearnFixtures.Doubles(fixture.GetProperty("input")), target = LearnFixtures.Doubles(fixture.GetProperty("target"));
        double[] norms = VanishingGradients.LayerGradientNorms(model, Tensor.FromArray(input, input.Length / width, width), Tensor.FromArray(target, target.Length, 1));
        LearnFixtures.AssertClose(LearnFixtures.Doubles(fixture.GetProperty("norms")), norms, 1e-9);
    }

    [Fact]
    public void OverfittingAndItsTwoCures()
    {
        OverfittingRun plain = Overfitting.WithoutRegularisation(), l2 = Overfitting.WithL2(), early = Overfitting.WithEarlyStopping();

        // Without regularisation training loss keeps falling while the validation loss turns up.
        Assert.Equal(500, plain.EpochsRun);
        Assert.True(plain.TrainingLoss[^1] < plain.TrainingLoss[plain.BestEpoch - 1]);
        Assert.True(plain.BestEpoch < plain.EpochsRun / 2, $"best epoch {plain.BestEpoch}");
        Assert.True(plain.FinalValidationLoss > 1.3 * plain.ValidationLoss.Min());

        // L2 ends with a lower validation loss; early stopping stops before the last epoch.
        Assert.True(l2.FinalValidationLoss < plain.FinalValidationLoss, $"L2 {l2.FinalValidationLoss}, none {plain.FinalValidationLoss}");
        Assert.True(early.EpochsRun < 500, $"early stopping ran {early.EpochsRun} epochs");
        Assert.True(early.FinalValidationLoss < plain.FinalValidationLoss);
        Assert.Equal(early.ValidationLoss.Min(), early.FinalValidationLoss, 5);
        Assert.Equal(6, Overfitting.Chart([plain, l2, early]).Series.Count);
    }

    [Fact]
    public void LearningRatesTooSmallRightAndTooLarge()
    {
        LearningRateRun slow = LearningRateExperiment.Train(0.01), right = LearningRateExperiment.Train(0.3), large = LearningRateExperiment.Train(1.2);

        Assert.False(slow.Diverged);
        Assert.False(right.Diverged);
        Assert.True(right.Losses[^1] < 0.5 * slow.Losses[^1]);
        Assert.True(slow.Losses[^1] < slow.Losses[0]);
        Assert.True(right.Losses[^1] < 0.3, $"final loss {right.Losses[^1]}");   // the noise is 0.5² = 0.25
        Assert.True(large.Diverged);
        Assert.NotNull(large.DivergedAtEpoch);
        Assert.True(large.Losses[^1] > 1000 * large.Losses[0]);
        Assert.Contains("grew", large.Reason);

        LearningRateRun explosive = LearningRateExperiment.Train(1e30);
        Assert.True(explosive.Diverged);
        Assert.Equal(1, explosive.DivergedAtEpoch);
    }

    [Fact]
    public void HousePriceErrorsAreReportedInCurrency()
    {
        HousePriceReport report = HousePrices.Train();
        Assert.Equal(450, report.TrainCount);
        Assert.Equal(150, report.TestCount);
        // The noise alone costs about 15,000·√(2/π) ≈ 12,000 on average; the model comes close to that.
        Assert.InRange(report.NoiseFloor, 9_000, 15_000);
        Assert.True(report.MeanAbsoluteError < 1.25 * report.NoiseFloor, $"MAE {report.MeanAbsoluteError}, floor {report.NoiseFloor}");
        Assert.True(report.RootMeanSquaredError >= report.MeanAbsoluteError);
        Assert.True(report.TrainingLoss[^1] < 0.1 * report.TrainingLoss[0]);
        Assert.Equal(5, report.Examples.Count);
        Assert.Equal(50_000 + 3_000 * 100 + 10_000 * 3 - 1_000 * 20, HousePrices.TruePrice(100, 3, 20));
    }

    [Fact]
    public void NineDetectorHasHighPrecisionAndRecall()
    {
        NineDetectorReport report = NineDetector.Train();
        Assert.True(report.Precision >= 0.9, $"precision {report.Precision}");
        Assert.True(report.Recall >= 0.9, $"recall {report.Recall}");
        // The library's metrics agree with the counts.
        Assert.Equal((double)report.TruePositives / (report.TruePositives + report.FalsePositives), report.Precision, 12);
        Assert.Equal((double)report.TruePositives / (report.TruePositives + report.FalseNegatives), report.Recall, 12);
        Assert.Equal(report.TestCount, report.TruePositives + report.FalsePositives + report.FalseNegatives + report.TrueNegatives);
        Assert.InRange(report.TruePositives + report.FalseNegatives, 40, 50);   // about one image in ten is a 9
    }

    [Fact]
    public void TheNamesWeightShrinksWhileUsefulWeightsGrow()
    {
        double[][] weights = FeatureRelevance.Train();
        Assert.Equal([0.5, 0.5, 0.5, 0.5], weights[0]);
        double[] final = weights[^1];
        for (int useful = 0; useful < 3; useful++)
            Assert.True(final[useful] > 0.9, $"{FeatureRelevance.FeatureNames[useful]}: {final[useful]}");
        Assert.True(Math.Abs(final[3]) < 0.1 * final.Take(3).Min(), $"name weight {final[3]}");
        Assert.Equal((65 + 100 + 97) % 100 / 100.0, FeatureRelevance.EncodeName("Ada"));
        Assert.Equal(4, FeatureRelevance.Chart(weights).Series.Count);
    }
}
