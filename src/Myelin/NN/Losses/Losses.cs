namespace Myelin.NN;

/// <summary>
/// Ready-made losses with default options, for a Keras-style trainer:
/// <c>new Trainer(model, optimizer, Losses.CrossEntropy)</c>. Each is a shared, immutable
/// <see cref="Loss"/> instance; construct the loss class yourself for other options (class
/// weights, label smoothing, a different reduction).
/// </summary>
public static class Losses
{
    /// <summary>Mean squared error (Keras "mse"): <see cref="MSELoss"/>.</summary>
    public static MSELoss MSE { get; } = new();

    /// <summary>Mean absolute error (Keras "mae"): <see cref="L1Loss"/>.</summary>
    public static L1Loss L1 { get; } = new();

    /// <summary>Huber loss with δ = 1: <see cref="HuberLoss"/>.</summary>
    public static HuberLoss Huber { get; } = new();

    /// <summary>Smooth L1 loss with β = 1: <see cref="SmoothL1Loss"/>.</summary>
    public static SmoothL1Loss SmoothL1 { get; } = new();

    /// <summary>Cross-entropy on logits against class indices or probabilities: <see cref="CrossEntropyLoss"/>.</summary>
    public static CrossEntropyLoss CrossEntropy { get; } = new();

    /// <summary>Negative log-likelihood for log-probability outputs: <see cref="NLLLoss"/>.</summary>
    public static NLLLoss NLL { get; } = new();

    /// <summary>Binary cross-entropy on logits: <see cref="BCEWithLogitsLoss"/>.</summary>
    public static BCEWithLogitsLoss BinaryCrossEntropyWithLogits { get; } = new();

    /// <summary>Binary cross-entropy on probabilities, PyTorch-style (log clamped at −100): <see cref="BCELoss"/>.</summary>
    public static BCELoss BinaryCrossEntropy { get; } = new();

    /// <summary>Categorical cross-entropy on softmax output, Keras-style: <see cref="CrossEntropyFromProbabilitiesLoss"/>.</summary>
    public static CrossEntropyFromProbabilitiesLoss CrossEntropyFromProbabilities { get; } = new();

    /// <summary>Binary cross-entropy on sigmoid output, Keras-style: <see cref="BinaryCrossEntropyFromProbabilitiesLoss"/>.</summary>
    public static BinaryCrossEntropyFromProbabilitiesLoss BinaryCrossEntropyFromProbabilities { get; } = new();

    /// <summary>KL divergence per sample (<see cref="Reduction.BatchMean"/>) for log-probability inputs: <see cref="KLDivLoss"/>.</summary>
    public static KLDivLoss KLDivergence { get; } = new(Reduction.BatchMean);
}
