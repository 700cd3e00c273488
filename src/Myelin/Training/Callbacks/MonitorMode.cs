namespace Myelin.Training;

/// <summary>Whether a monitored value improves by going down or up.</summary>
public enum MonitorMode
{
    /// <summary>Decide from the name: losses and metrics with <see cref="Metric.HigherIsBetter"/> false go down, other metrics up.</summary>
    Auto,

    /// <summary>Lower is better (a loss, an error).</summary>
    Min,

    /// <summary>Higher is better (an accuracy, R²).</summary>
    Max,
}
