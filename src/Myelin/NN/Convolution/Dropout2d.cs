namespace Myelin.NN;

/// <summary>
/// Channel dropout for feature maps: in training mode each channel of each sample is zeroed as a whole with
/// probability <see cref="P"/> and the kept ones are scaled by 1/(1 − p); in evaluation mode it is the identity.
/// Shape: [N, C, H, W], unchanged.
/// </summary>
/// <remarks>
/// Neighbouring pixels of a feature map are strongly correlated, so zeroing single pixels (<see cref="Dropout"/>)
/// hardly regularises a convolutional layer; dropping whole channels does.
/// </remarks>
public sealed class Dropout2d : Module
{
    readonly Generator? generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing a channel, in [0, 1).</param>
    /// <param name="generator">Draws the masks; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public Dropout2d(double p = 0.5, Generator? generator = null)
    {
        F.CheckDropoutProbability(p, "Dropout2d");
        P = p;
        this.generator = generator;
    }

    /// <summary>The probability of zeroing a channel.</summary>
    public double P { get; }

    /// <summary>Drops channels in training mode; returns the input in evaluation mode.</summary>
    /// <exception cref="ArgumentException">The input is not 4-D.</exception>
    public override Tensor Forward(Tensor input) =>
        RecordOutput(F.ChannelDropout($"Dropout2d({ExtraRepr()})", input, P, IsTraining, generator));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"p={ReprFormat.Float(P)}";
}
