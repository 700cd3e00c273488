namespace Myelin.Training;

/// <summary>
/// What a single output column holds in binary classification, which decides the threshold that
/// turns it into a class: 0 for logits, 0.5 for probabilities. Outputs with two or more columns
/// are classified by their largest column instead.
/// </summary>
public enum BinaryOutputs
{
    /// <summary>Raw scores (the input of <c>BCEWithLogitsLoss</c>): class 1 where the output is &gt; 0.</summary>
    Logits,

    /// <summary>Probabilities after a sigmoid (the input of <c>BCELoss</c>): class 1 where the output is &gt; 0.5.</summary>
    Probabilities,
}
