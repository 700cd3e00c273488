namespace Myelin.Examples;

/// <summary>How well generated points cover the blobs of a <see cref="GaussianRing"/>.</summary>
/// <param name="Covered">How many blobs hold enough points to count as covered.</param>
/// <param name="Modes">The number of blobs.</param>
/// <param name="FractionNearMode">The share of points within 3σ (or the chosen distance) of some blob's centre: the "quality".</param>
/// <param name="PointsPerMode">How many points each blob holds, by blob index.</param>
public sealed record ModeCoverage(int Covered, int Modes, double FractionNearMode, IReadOnlyList<int> PointsPerMode)
{
    /// <summary>"6 of 8 modes covered, 83.1% of samples near a mode".</summary>
    public override string ToString() => $"{Covered} of {Modes} modes covered, {FractionNearMode * 100:F1}% of samples near a mode";
}
