using Myelin.NN;

namespace Myelin.Tests.Losses;

/// <summary>Wrong shapes, dtypes, values and options give exceptions that name the loss and what is wrong.</summary>
public class LossErrorTests
{
    static readonly Tensor Logits = Tensor.Zeros(8, 10);

    static void Throws<T>(Action action, params string[] fragments) where T : Exception
    {
        var e = Assert.Throws<T>(action);
        foreach (var fragment in fragments) Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void CrossEntropyBatchSizeMismatch() =>
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros([9], DType.Int64)),
            "CrossEntropyLoss: logits [8, 10] and target [9] disagree on the batch size");

    [Fact]
    public void CrossEntropyClassIndexOutOfRangeNamesValueAndPosition()
    {
        var target = Tensor.FromArray([1L, 2L, 3L, 12L, 0L, 0L, 0L, 0L], 8);
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, target), "CrossEntropyLoss", "12", "position [3]", "[0, 10)");
        var negative = Tensor.FromArray([1L, -1L, 0L, 0L, 0L, 0L, 0L, 0L], 8);
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, negative), "target value -1 at position [1]", "ignore index -100");
        var spatial = Tensor.FromArray(new long[,] { { 0, 1, 2 }, { 0, 1, 5 } });
        Throws<ArgumentException>(() => F.CrossEntropy(Tensor.Zeros(2, 4, 3), spatial), "target value 5 at position [1, 2]");
        Throws<ArgumentException>(() => F.NLLLoss(Logits, Tensor.Full([8], 10, DType.Int64)), "NLLLoss", "target value 10 at position [0]");
    }

    [Fact]
    public void CrossEntropyTargetShapeErrors()
    {
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros([8, 2], DType.Int64)), "CrossEntropyLoss", "must have shape [8]", "[8, 2]");
        Throws<ArgumentException>(() => F.CrossEntropy(Tensor.Zeros(2, 4, 3), Tensor.Zeros([2, 5], DType.Int64)),
            "logits [2, 4, 3] and target [2, 5] disagree", "[2, 3]");
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros(8, 9)), "class-probability target must have the logits' shape [8, 10], got [8, 9]");
        Throws<ArgumentException>(() => F.CrossEntropy(Tensor.Zeros(10), Tensor.Zeros([3], DType.Int64)), "single sample", "must be a scalar");
    }

    [Fact]
    public void CrossEntropyDTypeErrorsAreExplained()
    {
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros(8)), "Float32", "shape of class indices", "To(DType.Int64)");
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros([8, 10], DType.Int64)), "one-hot", "To(DType.Float32)");
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros([8], DType.Bool)), "Bool", "class indices");
        Throws<ArgumentException>(() => F.CrossEntropy(Tensor.Zeros([8, 10], DType.Int64), Tensor.Zeros([8], DType.Int64)), "logits must be Float32 or Float64, got Int64");
        Throws<ArgumentException>(() => F.CrossEntropy(Tensor.Scalar(1), Tensor.Scalar(0, DType.Int64)), "class dimension");
        Throws<ArgumentException>(() => F.NLLLoss(Logits, Tensor.Zeros(8)), "NLLLoss", "class indices (Int64)", "Float32");
    }

    [Fact]
    public void ClassWeightAndOptionErrors()
    {
        var labels = Tensor.Zeros([8], DType.Int64);
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, labels, weight: Tensor.Ones(5)), "weight [5]", "[10]");
        Throws<ArgumentException>(() => F.NLLLoss(Logits, labels, weight: Tensor.Ones([10], DType.Int64)), "NLLLoss: the weight must be Float32 or Float64");
        Throws<ArgumentOutOfRangeException>(() => F.CrossEntropy(Logits, labels, labelSmoothing: 1.5), "labelSmoothing must be in [0, 1], got 1.5");
        Throws<ArgumentOutOfRangeException>(() => new CrossEntropyLoss(labelSmoothing: -0.1));
        Throws<ArgumentException>(() => new CrossEntropyLoss(weight: Tensor.Ones(2, 5)), "must be a vector");
        Throws<ArgumentOutOfRangeException>(() => F.HuberLoss(Tensor.Zeros(2), Tensor.Zeros(2), delta: 0), "HuberLoss: delta must be a positive number");
        Throws<ArgumentOutOfRangeException>(() => new SmoothL1Loss(beta: -1), "SmoothL1Loss: beta");
        Throws<ArgumentOutOfRangeException>(() => F.L2Penalty([Tensor.Ones(2)], -0.1), "L2Penalty: lambda");
        Throws<ArgumentException>(() => F.L2Penalty([Tensor.Ones(2), Tensor.Ones([2], DType.Int64)], 0.1), "L2Penalty: the parameter 1 must be Float32 or Float64");
    }

    [Fact]
    public void BatchMeanIsOnlyForKLDiv()
    {
        Throws<ArgumentException>(() => F.MSELoss(Tensor.Zeros(2), Tensor.Zeros(2), Reduction.BatchMean), "MSELoss: Reduction.BatchMean is only defined for KLDivLoss");
        Throws<ArgumentException>(() => new CrossEntropyLoss(reduction: Reduction.BatchMean), "CrossEntropyLoss: Reduction.BatchMean");
        Throws<ArgumentException>(() => F.CrossEntropy(Logits, Tensor.Zeros([8], DType.Int64), reduction: (Reduction)42), "unknown reduction 42");
        _ = new KLDivLoss(Reduction.BatchMean);
    }

    [Fact]
    public void ElementwiseLossesRequireTheSameShapeAndFloatTargets()
    {
        Throws<ArgumentException>(() => F.MSELoss(Tensor.Zeros(4, 1), Tensor.Zeros(4)), "MSELoss: input [4, 1] and target [4] must have the same shape");
        Throws<ArgumentException>(() => new L1Loss().Forward(Tensor.Zeros(3), Tensor.Zeros(4)), "L1Loss: input [3] and target [4]");
        Throws<ArgumentException>(() => F.BCEWithLogitsLoss(Tensor.Zeros(4), Tensor.Zeros([4], DType.Int64)),
            "BCEWithLogitsLoss: the target is Int64", "target.To(DType.Float32)");
        Throws<ArgumentException>(() => F.HuberLoss(Tensor.Zeros([4], DType.Int64), Tensor.Zeros(4)), "HuberLoss: the input must be Float32 or Float64");
        Throws<ArgumentException>(() => F.KLDivLoss(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)), "KLDivLoss: input [2, 3] and target [3, 2]");
    }

    [Fact]
    public void WeightsMustBroadcastToTheInput()
    {
        Throws<ArgumentException>(() => F.BCELoss(Tensor.Full([4, 3], 0.5), Tensor.Zeros(4, 3), weight: Tensor.Ones(4)),
            "BCELoss: weight [4] does not broadcast to the input's shape [4, 3]");
        Throws<ArgumentException>(() => F.BCEWithLogitsLoss(Tensor.Zeros(4, 3), Tensor.Zeros(4, 3), posWeight: Tensor.Ones(2, 4, 3)),
            "BCEWithLogitsLoss: posWeight [2, 4, 3] does not broadcast");
    }

    [Fact]
    public void ProbabilitiesOutsideZeroOneAreRejected()
    {
        var p = Tensor.FromArray(new float[,] { { 0.5f, 0.2f }, { 1.5f, 0.1f } });
        Throws<ArgumentException>(() => F.BCELoss(p, Tensor.Zeros(2, 2)), "BCELoss: probability 1.5 at position [1, 0] is outside [0, 1]", "BCEWithLogitsLoss");
        var nan = Tensor.FromArray([0.5, double.NaN], 2);
        Throws<ArgumentException>(() => F.BCELoss(nan, Tensor.Zeros([2], DType.Float64)), "NaN at position [1]");
        var logits = Tensor.FromArray(new float[,] { { 2.3f, -0.7f } });
        Throws<ArgumentException>(() => F.CrossEntropyFromProbabilities(logits, Tensor.FromArray([0L], 1)), "CrossEntropyFromProbabilities: probability 2.3", "F.CrossEntropy");
        Throws<ArgumentException>(() => F.BinaryCrossEntropyFromProbabilities(Tensor.Full([2], -0.1), Tensor.Zeros(2)), "BinaryCrossEntropyFromProbabilities: probability -0.1");
        Throws<ArgumentException>(() => F.CrossEntropyFromProbabilities(Tensor.Full([2, 3], 0.3), Tensor.FromArray([0L, 3L], 2)), "target value 3 at position [1]");
        Throws<ArgumentException>(() => F.CrossEntropyFromProbabilities(Tensor.Full([3], 0.3), Tensor.Scalar(0, DType.Int64)), "[N, C]");
        Throws<ArgumentException>(() => F.KLDivLoss(Tensor.Zeros(2), Tensor.FromArray([0.5f, -0.25f], 2)), "KLDivLoss: target probability -0.25 at position [1]", "logTarget");
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => F.MSELoss(null!, Tensor.Zeros(1)));
        Assert.Throws<ArgumentNullException>(() => F.CrossEntropy(Logits, null!));
        Assert.Throws<ArgumentNullException>(() => F.L2Penalty(null!, 1));
        Throws<ArgumentException>(() => F.L2Penalty([Tensor.Ones(1), null!], 1), "L2Penalty: parameter 1 is null");
    }
}
