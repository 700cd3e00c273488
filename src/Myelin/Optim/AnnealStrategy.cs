namespace Myelin.Optim;

/// <summary>How <see cref="OneCycleLR"/> moves between two learning rates within a phase.</summary>
public enum AnnealStrategy
{
    /// <summary>Along half a cosine: slow at both ends (PyTorch's <c>'cos'</c>, the default).</summary>
    Cos,
    /// <summary>In a straight line (PyTorch's <c>'linear'</c>).</summary>
    Linear,
}
