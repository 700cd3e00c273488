namespace Myelin.Optim;

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a metric improved on the best so far.</summary>
public enum ThresholdMode
{
    /// <summary>By a fraction of the best value: better than best · (1 ∓ threshold) (PyTorch's <c>'rel'</c>, the default).</summary>
    Relative,
    /// <summary>By a fixed amount: better than best ∓ threshold (PyTorch's <c>'abs'</c>).</summary>
    Absolute,
}
