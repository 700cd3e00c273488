namespace Myelin.Learn;

/// <summary>What happened when a <see cref="Perceptron"/> was trained with Rosenblatt's rule.</summary>
/// <param name="Epochs">How many passes over the examples ran.</param>
/// <param name="Converged">
/// True when the last pass made no mistake: the perceptron now classifies every example correctly.
/// False when the epochs ran out first, as they always do on data no straight line separates (XOR).
/// </param>
/// <param name="MistakesPerEpoch">How many examples were misclassified (and so corrected) in each pass.</param>
public sealed record PerceptronTrainingReport(int Epochs, bool Converged, IReadOnlyList<int> MistakesPerEpoch)
{
    /// <summary>A one-line summary such as <c>converged after 4 epochs (mistakes per epoch: 2, 3, 1, 0)</c>.</summary>
    public override string ToString() =>
        (Converged ? $"converged after {Epochs} epoch{(Epochs == 1 ? "" : "s")}" : $"did not converge in {Epochs} epochs") +
        $" (mistakes per epoch: {string.Join(", ", MistakesPerEpoch.Take(12))}{(MistakesPerEpoch.Count > 12 ? ", …" : "")})";
}
