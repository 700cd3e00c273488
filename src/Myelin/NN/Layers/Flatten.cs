namespace Myelin.NN;

/// <summary>
/// Merges dimensions <see cref="StartDim"/> … <see cref="EndDim"/> into one, by default everything but the batch
/// dimension. Shape: [N, C, H, W] → [N, C·H·W] with the defaults.
/// </summary>
public sealed class Flatten : Module
{
    /// <summary>Creates the layer; negative dimensions count from the end.</summary>
    public Flatten(int startDim = 1, int endDim = -1)
    {
        StartDim = startDim;
        EndDim = endDim;
    }

    /// <summary>The first dimension merged.</summary>
    public int StartDim { get; }

    /// <summary>The last dimension merged.</summary>
    public int EndDim { get; }

    /// <summary>Flattens <paramref name="input"/> (a view when the layout allows).</summary>
    /// <exception cref="ArgumentException">The dimensions do not exist in the input or are out of order.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int rank = Math.Max(input.Rank, 1);
        int start = StartDim < 0 ? StartDim + rank : StartDim, end = EndDim < 0 ? EndDim + rank : EndDim;
        if (start < 0 || start >= rank || end < 0 || end >= rank || start > end)
            throw new ArgumentException(
                $"Flatten(start_dim={StartDim}, end_dim={EndDim}): cannot flatten an input of shape {FormatShape(input.Shape)}.");
        return RecordOutput(input.Flatten(StartDim, EndDim));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
