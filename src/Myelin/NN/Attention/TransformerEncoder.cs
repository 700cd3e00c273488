namespace Myelin.NN;

/// <summary>
/// A stack of <see cref="TransformerEncoderLayer"/>s (children "layers.0", "layers.1", …) with an optional final
/// layer normalisation ("norm"), as PyTorch's <c>nn.TransformerEncoder</c>.
/// Shape: src [L, N, dModel] ([N, L, dModel] when the layers are batch-first; unbatched [L, dModel]); mask [L, L];
/// srcKeyPaddingMask [N, L] → output like src.
/// </summary>
public sealed class TransformerEncoder : Module
{
    readonly ModuleList layers;
    readonly LayerNorm? norm;

    /// <summary>
    /// Stacks <paramref name="numLayers"/> copies of <paramref name="encoderLayer"/>: each copy starts with the same
    /// weights and trains independently (the given layer itself is not used).
    /// </summary>
    /// <param name="encoderLayer">The block to copy.</param>
    /// <param name="numLayers">The number of blocks.</param>
    /// <param name="norm">A final normalisation (for pre-norm stacks), or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">numLayers is not positive.</exception>
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, LayerNorm? norm = null)
        : this(CopiesOf(encoderLayer), numLayers, norm) { }

    static Func<int, TransformerEncoderLayer> CopiesOf(TransformerEncoderLayer encoderLayer)
    {
        ArgumentNullException.ThrowIfNull(encoderLayer);
        return _ => encoderLayer.CloneWithWeights();
    }

    /// <summary>Stacks <paramref name="numLayers"/> blocks made by <paramref name="layerFactory"/> (called with 0, 1, …).</summary>
    /// <param name="layerFactory">Makes block i.</param>
    /// <param name="numLayers">The number of blocks.</param>
    /// <param name="norm">A final normalisation (for pre-norm stacks), or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">numLayers is not positive.</exception>
    public TransformerEncoder(Func<int, TransformerEncoderLayer> layerFactory, int numLayers, LayerNorm? norm = null)
    {
        ArgumentNullException.ThrowIfNull(layerFactory);
        if (numLayers <= 0)
            throw new ArgumentOutOfRangeException(nameof(numLayers), $"TransformerEncoder: num_layers must be positive, got {numLayers}.");
        layers = Register("layers", new ModuleList());
        for (int i = 0; i < numLayers; i++) layers.Add(layerFactory(i));
        if (norm is not null) this.norm = Register("norm", norm);
    }

    /// <summary>The number of blocks.</summary>
    public int NumLayers => layers.Count;

    /// <summary>Block <paramref name="index"/>.</summary>
    public TransformerEncoderLayer this[int index] => (TransformerEncoderLayer)layers[index];

    /// <summary>The final normalisation, or null.</summary>
    public LayerNorm? Norm => norm;

    /// <summary>Runs every block with no masks. Shape: [L, N, dModel] → [L, N, dModel].</summary>
    public override Tensor Forward(Tensor input) => Forward(input, null, null, false);

    /// <summary>Runs every block with the same masks, then the final normalisation.</summary>
    /// <param name="src">The sequence.</param>
    /// <param name="mask">The attention mask of every block ([L, L]; Bool true = blocked, or additive).</param>
    /// <param name="srcKeyPaddingMask">[N, L], true at padding positions.</param>
    /// <param name="isCausal">Block attention to later positions in every block.</param>
    public Tensor Forward(Tensor src, Tensor? mask = null, Tensor? srcKeyPaddingMask = null, bool isCausal = false)
    {
        var x = src;
        foreach (var layer in layers) x = ((TransformerEncoderLayer)layer).Forward(x, mask, srcKeyPaddingMask, isCausal);
        if (norm is not null) x = norm.Forward(x);
        return RecordOutput(x);
    }
}
