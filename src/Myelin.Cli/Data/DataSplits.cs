using Myelin.Data;

namespace Myelin.Cli.Data;

/// <summary>
/// A data set divided for training: the training part, and the validation and test parts (null when their
/// fraction is zero). Features are Float32 [N, F]; labels Int64 [N] (classes) or Float32 [N] (regression).
/// </summary>
/// <param name="Train">The samples the model learns from.</param>
/// <param name="Validation">The samples that decide early stopping, or null.</param>
/// <param name="Test">The samples held out until the end, or null.</param>
/// <param name="Task">Classification or regression.</param>
/// <param name="ClassNames">The class names (empty for regression).</param>
/// <param name="FeatureNames">The feature names when the source has them (a CSV header), else empty.</param>
internal sealed record DataSplits(
    LabeledData Train,
    LabeledData? Validation,
    LabeledData? Test,
    TaskKind Task,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> FeatureNames)
{
    /// <summary>The number of input features, F.</summary>
    public int NumFeatures => Train.Features.Shape[1];
}
