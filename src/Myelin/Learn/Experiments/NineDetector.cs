using Myelin.Data;
using Myelin.NN;
using Myelin.Optim;
using Myelin.Training;

namespace Myelin.Learn;

/// <summary>
/// "Is it a 9?": a binary classifier on the 8 × 8 handwritten digits. One sigmoid output gives the
/// probability that the image shows a 9; a threshold of 0.5 turns it into a yes or no. Because only one
/// image in ten is a 9, accuracy alone says little (always answering "no" scores 90%): precision (of the
/// images called 9, how many are) and recall (of the real 9s, how many were found) tell the story.
/// </summary>
public static class NineDetector
{
    /// <summary>The decision threshold on the sigmoid output.</summary>
    public const double Threshold = 0.5;

    /// <summary>
    /// Splits the digits (stratified, a quarter held out), trains
    /// <c>Linear(64, 64) → ReLU → Linear(64, 1) → Sigmoid</c> with binary cross-entropy and Adam, and
    /// measures the held-out precision and recall of the class "9".
    /// </summary>
    /// <param name="seed">Seeds the split, the weights and the shuffling.</param>
    /// <param name="epochs">Training epochs.</param>
    public static NineDetectorReport Train(int seed = 5, int epochs = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        LabeledData digits = Datasets.Digits();
        var (train, test) = Splits.TrainTestSplit(digits, 0.25, seed, stratify: true);

        // Pixels standardised with the training split's statistics; the target is 1 for a 9 and 0 for any other digit, [N, 1].
        var scaler = new StandardScaler().Fit(train.Features);
        (Tensor X, Tensor Y) Prepare(LabeledData part) => (scaler.Transform(part.Features), part.Labels.Eq(9).To(DType.Float32).Unsqueeze(1));
        var (trainX, trainY) = Prepare(train);
        var (testX, testY) = Prepare(test);

        var generator = new Generator((ulong)seed);
        var model = new Sequential(new Linear(64, 64, generator: generator), new ReLU(), new Linear(64, 1, generator: generator), new Sigmoid());
        var trainer = new Trainer(model, new Adam(model.Parameters(), lr: 0.01), Losses.BinaryCrossEntropy,
            new TrainerOptions { BatchSize = 32, ShuffleSeed = seed });
        trainer.Fit(new TensorDataset(trainX, trainY), epochs: epochs);

        Tensor probabilities = trainer.Predict(testX);
        var precision = new Precision(binaryOutputs: BinaryOutputs.Probabilities);
        var recall = new Recall(binaryOutputs: BinaryOutputs.Probabilities);
        precision.Update(probabilities, testY);
        recall.Update(probabilities, testY);

        bool[] predicted = probabilities.Gt(Threshold).ToArray<bool>();
        bool[] actual = testY.Gt(0.5).ToArray<bool>();
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (predicted[i] && actual[i]) truePositives++;
            else if (predicted[i]) falsePositives++;
            else if (actual[i]) falseNegatives++;
            else trueNegatives++;
        }
        return new NineDetectorReport(train.Count, test.Count, truePositives, falsePositives, falseNegatives, trueNegatives,
            precision.PerClass()[1], recall.PerClass()[1]);
    }
}
