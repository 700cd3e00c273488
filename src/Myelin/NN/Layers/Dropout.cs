namespace Myelin.NN;

/// <summary>
/// Inverted dropout: in training mode each element is zeroed with probability <see cref="P"/> and the kept
/// ones are scaled by 1/(1 − p), so the expected activation is unchanged; in evaluation mode it is the identity.
/// Shape: any, unchanged.
/// </summary>
public sealed class Dropout : Module
{
    readonly Generator? generator;

    /// <summary>Creates the layer.</summary>
    /// <param name="p">The probability of zeroing an element, in [0, 1).</param>
    /// <param name="generator">Draws the masks; null uses <see cref="Generator.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1).</exception>
    public Dropout(double p = 0.5, Generator? generator = null)
    {
        F.CheckDropoutProbability(p, "Dropout");
        P = p;
        this.generator = generator;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double P { get; }

    /// <summary>Applies dropout in training mode; returns the input in evaluation mode.</summary>
    public override Tensor Forward(Tensor input) => RecordOutput(F.Dropout(input, P, IsTraining, generator));

    /// <inheritdoc/>
    public override string ExtraRepr() => $"p={ReprFormat.Float(P)}";
}
