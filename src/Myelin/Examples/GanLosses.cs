using Myelin.NN;

namespace Myelin.Examples;

/// <summary>
/// The two losses of a generative adversarial network, on the discriminator's logits (scores before the sigmoid;
/// a high score means "looks real").
/// </summary>
public static class GanLosses
{
    /// <summary>
    /// The discriminator's loss: binary cross-entropy that calls real samples 1 and generated ones 0,
    /// −mean ln σ(real) − mean ln(1 − σ(fake)). Shape: realLogits [N, 1] or [N], fakeLogits [M, 1] or [M] → a scalar.
    /// </summary>
    /// <exception cref="ArgumentException">A logit tensor is empty or not floating-point.</exception>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits)
    {
        Check(realLogits, nameof(realLogits));
        Check(fakeLogits, nameof(fakeLogits));
        return F.BCEWithLogitsLoss(realLogits, Tensor.OnesLike(realLogits)) + F.BCEWithLogitsLoss(fakeLogits, Tensor.ZerosLike(fakeLogits));
    }

    /// <summary>
    /// The generator's "non-saturating" loss: binary cross-entropy that calls its samples real, −mean ln σ(fake).
    /// Minimising it rather than mean ln(1 − σ(fake)) keeps the gradient strong while the discriminator easily
    /// rejects the fakes (early in training). Shape: fakeLogits [M, 1] or [M] → a scalar.
    /// </summary>
    /// <exception cref="ArgumentException">The logit tensor is empty or not floating-point.</exception>
    public static Tensor Generator(Tensor fakeLogits)
    {
        Check(fakeLogits, nameof(fakeLogits));
        return F.BCEWithLogitsLoss(fakeLogits, Tensor.OnesLike(fakeLogits));
    }

    static void Check(Tensor logits, string name)
    {
        ArgumentNullException.ThrowIfNull(logits, name);
        if (logits.NumElements == 0 || !logits.DType.IsFloatingPoint())
            throw new ArgumentException($"GanLosses: {name} must be non-empty floating-point discriminator scores, got {logits.DType} {Module.FormatShape(logits.Shape)}.", name);
    }
}
