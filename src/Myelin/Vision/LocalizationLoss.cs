using Myelin.NN;

namespace Myelin.Vision;

/// <summary>
/// The loss of a network that both classifies an image and locates its object: cross-entropy on the class scores
/// plus <see cref="BoxWeight"/> times the smooth L1 loss of the predicted box against the true box.
/// ℓ = CE(output[:, :K], class) + λ · mean over the N·4 coordinates of SmoothL1(output[:, K:] − box; β).
/// Shape: input [N, K + 4] (K class logits, then the box x0, y0, x1, y1); target [N, 5] (the class index as a
/// number, then the box); output a scalar (the mean over the batch).
/// </summary>
/// <remarks>
/// The box is best given in coordinates normalised by the image size (as <see cref="ShapeLocalizationSet.Boxes"/>
/// are), so that both parts of the loss have similar scale; <see cref="Beta"/> is then the box error below
/// which the penalty is quadratic. In PyTorch: <c>F.cross_entropy(out[:, :K], y[:, 0].long()) +
/// w * F.smooth_l1_loss(out[:, K:], y[:, 1:], beta=beta)</c>.
/// </remarks>
public sealed class LocalizationLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="numClasses">K, the number of classes.</param>
    /// <param name="boxWeight">λ ≥ 0, the weight of the box loss relative to the classification loss.</param>
    /// <param name="beta">β ≥ 0 of the smooth L1 loss: where it turns from quadratic to linear.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public LocalizationLoss(int numClasses, double boxWeight = 1, double beta = 1) : base("LocalizationLoss", Reduction.Mean)
    {
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"LocalizationLoss: numClasses must be at least 1, got {numClasses}.");
        if (!(boxWeight >= 0) || double.IsInfinity(boxWeight))
            throw new ArgumentOutOfRangeException(nameof(boxWeight), boxWeight, $"LocalizationLoss: boxWeight must be a number ≥ 0, got {boxWeight}.");
        if (!(beta >= 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"LocalizationLoss: beta must be a number ≥ 0, got {beta}.");
        NumClasses = numClasses;
        BoxWeight = boxWeight;
        Beta = beta;
    }

    /// <summary>K, the number of classes: the first K columns of the input are class logits.</summary>
    public int NumClasses { get; }

    /// <summary>λ, the weight of the box loss.</summary>
    public double BoxWeight { get; }

    /// <summary>β of the smooth L1 box loss.</summary>
    public double Beta { get; }

    /// <summary>The joint loss of the network output <paramref name="input"/> [N, K + 4] against <paramref name="target"/> [N, 5].</summary>
    /// <exception cref="ArgumentException">The shapes are wrong, a tensor is not floating-point, or a class index is not an integer in [0, K).</exception>
    public override Tensor Forward(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        int k = NumClasses;
        if (input.Rank != 2 || input.Shape[1] != k + 4)
            throw new ArgumentException(
                $"{Name}: expected the input [N, {k + 4}] ({k} class logits and 4 box coordinates), got [{string.Join(", ", input.Shape)}].");
        if (target.Rank != 2 || target.Shape[0] != input.Shape[0] || target.Shape[1] != 5)
            throw new ArgumentException(
                $"{Name}: expected the target [{input.Shape[0]}, 5] (class index, x0, y0, x1, y1), got [{string.Join(", ", target.Shape)}].");
        if (!input.DType.IsFloatingPoint() || !target.DType.IsFloatingPoint())
            throw new ArgumentException($"{Name}: the input and the target must be floating-point, got {input.DType} and {target.DType}.");

        var classColumn = target.Select(1, 0).Detach();
        var classValues = classColumn.ToArray<double>();
        for (int i = 0; i < classValues.Length; i++)
            if (classValues[i] != Math.Floor(classValues[i]) || classValues[i] < 0 || classValues[i] >= k)
                throw new ArgumentException($"{Name}: the class of sample {i} is {classValues[i]}, not a class index in [0, {k}).");

        var classification = F.CrossEntropy(input.Narrow(1, 0, k), classColumn.To(DType.Int64));
        var box = F.SmoothL1Loss(input.Narrow(1, k, 4), target.Narrow(1, 1, 4), Beta);
        return classification + box * BoxWeight;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}(numClasses: {NumClasses}, boxWeight: {BoxWeight}, beta: {Beta})";
}
