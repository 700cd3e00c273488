namespace Myelin.Cli.Data;

/// <summary>What a model predicts.</summary>
public enum TaskKind
{
    /// <summary>One of a fixed set of classes; the model outputs one logit per class and trains with cross-entropy.</summary>
    Classification,

    /// <summary>One number; the model outputs one value and trains with the mean squared error.</summary>
    Regression,
}
