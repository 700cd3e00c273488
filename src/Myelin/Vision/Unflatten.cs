using Myelin.NN;

namespace Myelin.Vision;

/// <summary>
/// Splits one dimension into several, the inverse of <see cref="Flatten"/>: the first layer of a network that
/// receives images as flat feature rows, such as <c>Unflatten(1, 1, 28, 28)</c> before a convolution.
/// PyTorch's <c>nn.Unflatten</c>.
/// Shape: [N, 784] → [N, 1, 28, 28] for <c>Unflatten(1, 1, 28, 28)</c>; in general dimension <see cref="Dim"/> of size
/// s₁·s₂·… becomes the dimensions (s₁, s₂, …) of <see cref="UnflattenedSize"/>.
/// </summary>
public sealed class Unflatten : Module
{
    readonly int[] unflattenedSize;

    /// <summary>Creates the layer.</summary>
    /// <param name="dim">The dimension to split; negative counts from the end.</param>
    /// <param name="unflattenedSize">The sizes it splits into, each positive; their product must be the dimension's size.</param>
    /// <exception cref="ArgumentException">No size is given, or a size is not positive.</exception>
    public Unflatten(int dim, params int[] unflattenedSize)
    {
        ArgumentNullException.ThrowIfNull(unflattenedSize);
        if (unflattenedSize.Length == 0 || unflattenedSize.Any(s => s <= 0))
            throw new ArgumentException(
                $"Unflatten: unflattened_size must list one or more positive sizes, got ({string.Join(", ", unflattenedSize)}).", nameof(unflattenedSize));
        Dim = dim;
        this.unflattenedSize = (int[])unflattenedSize.Clone();
    }

    /// <summary>The dimension that is split.</summary>
    public int Dim { get; }

    /// <summary>The sizes it is split into.</summary>
    public IReadOnlyList<int> UnflattenedSize => unflattenedSize;

    /// <summary>Reshapes <paramref name="input"/> (a view when the layout allows).</summary>
    /// <exception cref="ArgumentException">The input has no dimension <see cref="Dim"/>, or its size is not the product of the sizes.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int dim = Dim < 0 ? Dim + input.Rank : Dim;
        if (dim < 0 || dim >= input.Rank)
            throw new ArgumentException($"Unflatten({ExtraRepr()}): the input of shape {FormatShape(input.Shape)} has no dimension {Dim}.");
        long product = unflattenedSize.Aggregate(1L, (p, s) => p * s);
        if (input.Shape[dim] != product)
            throw new ArgumentException(
                $"Unflatten({ExtraRepr()}): dimension {Dim} of the input of shape {FormatShape(input.Shape)} has size {input.Shape[dim]}, " +
                $"but the sizes ({string.Join(", ", unflattenedSize)}) multiply to {product}.");
        int[] shape = [.. input.Shape.Take(dim), .. unflattenedSize, .. input.Shape.Skip(dim + 1)];
        return RecordOutput(input.Reshape(shape));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() =>
        $"dim={Dim}, unflattened_size=({string.Join(", ", unflattenedSize)}{(unflattenedSize.Length == 1 ? "," : "")})";
}
