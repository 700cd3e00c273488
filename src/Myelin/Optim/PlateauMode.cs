namespace Myelin.Optim;

/// <summary>Whether <see cref="ReduceLROnPlateau"/> watches a metric that should go down or up.</summary>
public enum PlateauMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,
    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}
