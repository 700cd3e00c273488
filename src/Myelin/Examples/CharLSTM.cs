using Myelin.NN;

namespace Myelin.Examples;

/// <summary>
/// A character-level LSTM language model: each token is embedded, an LSTM reads the sequence left to right, and a
/// linear head scores every vocabulary entry as the next token. The output at position t depends on tokens 0 … t
/// only, so one pass trains every position at once: the target of position t is token t + 1.
/// Shape: tokens Int64 [N, L] → logits [N, L, vocabSize]; embedding.weight [vocabSize, embeddingDim];
/// lstm.weight_ih_l0 [4·hiddenSize, embeddingDim]; head.weight [vocabSize, hiddenSize].
/// </summary>
/// <remarks>
/// Children: embedding (<see cref="Embedding"/> with padding index 0), lstm (<see cref="LSTM"/>, batch-first),
/// head (<see cref="Linear"/>). The same model in PyTorch is nn.Embedding(V, E, padding_idx=0),
/// nn.LSTM(E, H, num_layers, batch_first=True) and nn.Linear(H, V), with the same state-dict keys.
/// </remarks>
public sealed class CharLSTM : Module
{
    readonly Embedding embedding;
    readonly LSTM lstm;
    readonly Linear head;

    /// <summary>Creates the model with freshly initialised parameters.</summary>
    /// <param name="vocabSize">The number of tokens (padding, start and end included).</param>
    /// <param name="embeddingDim">The width of each token's embedding.</param>
    /// <param name="hiddenSize">The LSTM's state width.</param>
    /// <param name="numLayers">Stacked LSTM layers.</param>
    /// <param name="dropout">Dropout between stacked LSTM layers (training mode only).</param>
    /// <param name="generator">Draws the initial values; null uses <see cref="Generator.Default"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 parameters.</param>
    /// <exception cref="ArgumentException">A size is not positive.</exception>
    public CharLSTM(int vocabSize, int embeddingDim, int hiddenSize, int numLayers = 1, double dropout = 0,
        Generator? generator = null, DType dtype = DType.Float32)
    {
        embedding = Register("embedding", new Embedding(vocabSize, embeddingDim, paddingIdx: 0, generator: generator, dtype: dtype));
        lstm = Register("lstm", new LSTM(embeddingDim, hiddenSize, numLayers, batchFirst: true, dropout: dropout, generator: generator, dtype: dtype));
        head = Register("head", new Linear(hiddenSize, vocabSize, generator: generator, dtype: dtype));
    }

    /// <summary>The number of tokens.</summary>
    public int VocabSize => embedding.NumEmbeddings;

    /// <summary>Scores the next token at every position. Shape: Int64 [N, L] → [N, L, vocabSize].</summary>
    /// <exception cref="ArgumentException">The tokens are not a 2-D integer tensor, or an index is outside the vocabulary.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || !input.DType.IsInteger())
            throw new ArgumentException($"CharLSTM: expected token indices Int64 [N, L], got {input.DType} {FormatShape(input.Shape)}.");
        return RecordOutput(head.Forward(lstm.Forward(embedding.Forward(input))));
    }
}
