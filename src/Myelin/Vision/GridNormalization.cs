namespace Myelin.Vision;

/// <summary>How <see cref="ImageGrid"/> maps raw values (activations, weights) to intensities in [0, 1].</summary>
public enum GridNormalization
{
    /// <summary>
    /// Each tile on its own: its minimum becomes black and its maximum white. Shows the pattern inside every
    /// tile, but not which tiles are stronger. A constant tile is black.
    /// </summary>
    PerTile,

    /// <summary>All tiles together: the smallest value of the whole grid becomes black and the largest white, so tiles can be compared.</summary>
    Global,

    /// <summary>
    /// Zero is mid-grey, the largest magnitude m in the whole grid maps −m to black and +m to white: the usual
    /// view of filters and signed responses, where the sign matters.
    /// </summary>
    Symmetric,

    /// <summary>No change: the values are taken as intensities already (the image writer clamps them to [0, 1]).</summary>
    None,
}
