namespace Myelin.NN;

/// <summary>
/// Adds the fixed sinusoidal position signal of "Attention Is All You Need" to a sequence of embeddings, then
/// applies dropout: PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)).
/// Attention by itself ignores order; this gives each position a distinct, smoothly varying fingerprint.
/// Shape: input [L, N, dModel] ([N, L, dModel] with batchFirst, or unbatched [L, dModel]) → output of the same shape.
/// </summary>
/// <remarks>
/// The table is computed once, in Float64 and then cast to <c>dtype</c>; it is not a parameter and not saved in the
/// state dict (it can always be recomputed).
/// </remarks>
public sealed class PositionalEncoding : Module
{
    readonly Tensor table;
    readonly Dropout dropout;

    /// <summary>Creates the layer and its table of <paramref name="maxLength"/> positions.</summary>
    /// <param name="dModel">The embedding width.</param>
    /// <param name="dropout">Dropout probability after the addition (training mode only).</param>
    /// <param name="maxLength">The longest sequence supported.</param>
    /// <param name="batchFirst">Whether inputs are [N, L, dModel] rather than [L, N, dModel].</param>
    /// <param name="generator">Draws the dropout masks; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">The table's dtype: Float32 (default) or Float64.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public PositionalEncoding(int dModel, double dropout = 0.1, int maxLength = 5000, bool batchFirst = false,
        Generator? generator = null, DType dtype = DType.Float32)
    {
        if (dModel <= 0 || maxLength <= 0)
            throw new ArgumentOutOfRangeException(nameof(dModel),
                $"PositionalEncoding: d_model and max_len must be positive, got {dModel} and {maxLength}.");
        DModel = dModel;
        MaxLength = maxLength;
        BatchFirst = batchFirst;
        this.dropout = Register("dropout", new Dropout(dropout, generator));
        table = Sinusoids(maxLength, dModel).To(dtype);
    }

    /// <summary>The embedding width.</summary>
    public int DModel { get; }

    /// <summary>The longest sequence supported.</summary>
    public int MaxLength { get; }

    /// <summary>Whether inputs are [N, L, dModel].</summary>
    public bool BatchFirst { get; }

    /// <summary>The table of position signals [maxLength, dModel].</summary>
    public Tensor Table => table;

    /// <summary>
    /// The sinusoid table [length, dModel]: sin on even features, cos on odd ones, with wavelengths from 2π to
    /// 10000·2π. Works for odd dModel too (the last feature is a sine).
    /// </summary>
    public static Tensor Sinusoids(int length, int dModel)
    {
        var values = new double[length * dModel];
        for (int position = 0; position < length; position++)
            for (int feature = 0; feature < dModel; feature++)
            {
                double frequency = Math.Exp(-(feature - feature % 2) * Math.Log(10000.0) / dModel);
                double angle = position * frequency;
                values[position * dModel + feature] = feature % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
            }
        return Tensor.FromArray(values, length, dModel);
    }

    /// <summary>Adds the position signal and applies dropout. Shape: [L, N, dModel] → [L, N, dModel].</summary>
    /// <exception cref="ArgumentException">The last dimension is not dModel, or the sequence is longer than maxLength.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int lengthDim = input.Rank == 3 && BatchFirst ? 1 : 0;
        if ((input.Rank != 2 && input.Rank != 3) || input.Size(-1) != DModel)
            throw new ArgumentException(
                $"PositionalEncoding(d_model={DModel}): expected input of shape {(BatchFirst ? "[N, L, " : "[L, N, ")}{DModel}] or [L, {DModel}], got {FormatShape(input.Shape)}.");
        int length = input.Size(lengthDim);
        if (length > MaxLength)
            throw new ArgumentException(
                $"PositionalEncoding(d_model={DModel}): the sequence has {length} positions, more than max_len = {MaxLength} (input shape {FormatShape(input.Shape)}).");
        var signal = table.Narrow(0, 0, length);
        if (input.Rank == 3 && !BatchFirst) signal = signal.Unsqueeze(1);
        return RecordOutput(dropout.Forward(input + signal));
    }

    /// <inheritdoc/>
    public override string ExtraRepr() => $"d_model={DModel}, max_len={MaxLength}" + (BatchFirst ? ", batch_first=True" : "");
}
