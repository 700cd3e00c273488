namespace Myelin.NN;

/// <summary>
/// Binary cross-entropy on logits, computed stably: max(x, 0) − x·y + log(1 + e^(−|x|)), with
/// optional per-element and positive-class weights. The loss for binary and multi-label
/// classification. See <see cref="F.BCEWithLogitsLoss"/>.
/// <para>Shape: input (logits) [*], target [*] (the same shape), weight and posWeight broadcastable
/// to [*] (posWeight usually [C]); output a scalar, or [*] with <see cref="Reduction.None"/>.</para>
/// </summary>
public sealed class BCEWithLogitsLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="weight">Optional rescaling of each element's loss, broadcast to the input's shape.</param>
    /// <param name="posWeight">Optional weight of positive examples, per class.</param>
    /// <param name="reduction">Mean (default), Sum or None.</param>
    public BCEWithLogitsLoss(Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean)
        : base("BCEWithLogitsLoss", reduction)
    {
        if (weight is not null) LossChecks.RequireFloat(weight, Name, "weight");
        if (posWeight is not null) LossChecks.RequireFloat(posWeight, Name, "posWeight");
        Weight = weight;
        PosWeight = posWeight;
    }

    /// <summary>The optional per-element weight.</summary>
    public Tensor? Weight { get; }

    /// <summary>The optional weight of positive examples.</summary>
    public Tensor? PosWeight { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor target) => F.BCEWithLogitsLoss(input, target, Weight, PosWeight, Reduction);
}
