namespace Myelin.NN;

/// <summary>The activation between the two linear layers of a transformer's feed-forward block.</summary>
public enum TransformerActivation
{
    /// <summary>max(0, x), the default (as in the original transformer and PyTorch).</summary>
    ReLU,
    /// <summary>The exact GELU x·Φ(x) (as in BERT and GPT).</summary>
    GELU,
}
