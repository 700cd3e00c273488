using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Sequence;

public class TransformerTests
{
    [Fact]
    public void EncoderLayerHasPyTorchsChildrenAndKeys()
    {
        var layer = new TransformerEncoderLayer(8, 2, 16, 0.1);
        Assert.Equal(["self_attn", "linear1", "dropout", "linear2", "norm1", "norm2", "dropout1", "dropout2"], layer.NamedChildren().Select(c => c.Name));
        Assert.Equal(
        [
            "self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight", "self_attn.out_proj.bias",
            "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
        ], layer.StateDict().Keys);
    }

    [Fact]
    public void EncoderCopiesTheLayerIntoIndependentBlocks()
    {
        var layer = new TransformerEncoderLayer(4, 2, 8, dropout: 0, generator: new Generator(1));
        var encoder = new TransformerEncoder(layer, 2, new LayerNorm(4));
        var keys = encoder.StateDict().Keys.ToArray();
        Assert.Equal("layers.0.self_attn.in_proj_weight", keys[0]);
        Assert.Contains("layers.1.linear2.bias", keys);
        Assert.Equal(["norm.weight", "norm.bias"], keys[^2..]);
        Assert.Equal(2, encoder.NumLayers);
        Assert.Equal(layer.SelfAttn.InProjWeight.ToArray(), encoder[1].SelfAttn.InProjWeight.ToArray());
        Assert.NotSame(encoder[0].SelfAttn.InProjWeight, encoder[1].SelfAttn.InProjWeight);
        Assert.Equal(2 * layer.NumParameters() + 8, encoder.NumParameters());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransformerEncoder(layer, 0));
    }

    [Fact]
    public void EncoderOfOneBlockEqualsTheBlock()
    {
        var layer = new TransformerEncoderLayer(4, 2, 8, dropout: 0, generator: new Generator(2));
        var encoder = new TransformerEncoder(layer, 1);
        var x = Tensor.Randn([3, 2, 4], new Generator(3));
        var mask = F.CausalMask(3);
        TensorAssert.Close(layer.Forward(x, mask), encoder.Forward(x, mask), 1e-6, 1e-7, "one block");
        TensorAssert.Close(layer.Forward(x, isCausal: true), encoder.Forward(x, isCausal: true), 1e-6, 1e-7, "isCausal");
        TensorAssert.Close(layer.Forward(x, mask), layer.Forward(x, isCausal: true), 1e-6, 1e-7, "isCausal equals the causal mask");
    }

    [Fact]
    public void EncoderLayerShapesAndErrors()
    {
        var layer = new TransformerEncoderLayer(8, 2, 16, batchFirst: true);
        Assert.Equal([2, 5, 8], layer.Forward(Tensor.Randn(2, 5, 8)).Shape.ToArray());
        Assert.Equal([5, 8], layer.Forward(Tensor.Randn(5, 8)).Shape.ToArray());
        var error = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Randn(2, 5, 6)));
        Assert.Contains("TransformerEncoderLayer(d_model=8, nhead=2)", error.Message);
        Assert.Contains("[2, 5, 6]", error.Message);
        Assert.Throws<ArgumentException>(() => new TransformerEncoderLayer(6, 4));
        var maskError = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor.Randn(2, 5, 8), Tensor.Zeros([4, 4], DType.Bool)));
        Assert.Contains("attn_mask", maskError.Message);
    }

    [Fact]
    public void DropoutMakesTrainingRandomAndEvaluationDeterministic()
    {
        var layer = new TransformerEncoderLayer(8, 2, 16, dropout: 0.3, generator: new Generator(4));
        var x = Tensor.Randn([3, 2, 8], new Generator(5));
        Assert.NotEqual(layer.Forward(x).ToArray(), layer.Forward(x).ToArray());
        layer.Eval();
        Assert.Equal(layer.Forward(x).ToArray(), layer.Forward(x).ToArray());
    }

    [Fact]
    public void PositionalEncodingAddsTheTableAndChecksLength()
    {
        var encoding = new PositionalEncoding(4, dropout: 0, maxLength: 10, batchFirst: true);
        var table = encoding.Table;
        Assert.Equal([10, 4], table.Shape.ToArray());
        Assert.Equal(new float[] { 0, 1, 0, 1 }, table[0].ToArray());
        Assert.Equal((float)Math.Sin(3), table[3].ToArray()[0], 6);
        Assert.Equal((float)Math.Cos(3 / 100.0), table[3].ToArray()[3], 6);
        var x = Tensor.Zeros(2, 3, 4);
        TensorAssert.Close(table.Narrow(0, 0, 3).Unsqueeze(0).Expand(2, 3, 4), encoding.Forward(x), 1e-7, 1e-7, "zeros + PE");
        var error = Assert.Throws<ArgumentException>(() => encoding.Forward(Tensor.Zeros(1, 11, 4)));
        Assert.Contains("max_len = 10", error.Message);
        Assert.Throws<ArgumentException>(() => encoding.Forward(Tensor.Zeros(1, 3, 5)));
        Assert.Empty(encoding.StateDict());
        Assert.Equal([3, 5], PositionalEncoding.Sinusoids(3, 5).Shape.ToArray());
    }

    [Fact]
    public void LearnedPositionalEmbeddingAddsItsRows()
    {
        var positions = new LearnedPositionalEmbedding(6, 3, generator: new Generator(6));
        Assert.Equal(["weight"], positions.StateDict().Keys);
        var x = Tensor.Zeros(4, 2, 3);
        TensorAssert.Close(positions.Weight.Narrow(0, 0, 4).Unsqueeze(1).Expand(4, 2, 3), positions.Forward(x), 1e-7, 1e-7, "zeros + weight");
        var error = Assert.Throws<ArgumentException>(() => positions.Forward(Tensor.Zeros(7, 2, 3)));
        Assert.Contains("LearnedPositionalEmbedding(6, 3)", error.Message);
        Assert.Contains("max_length = 6", error.Message);
    }

    [Fact]
    public void CausalLanguageModelIsCausal()
    {
        var model = new CausalTransformerLM(vocabSize: 7, dModel: 8, nHead: 2, numLayers: 2, dimFeedforward: 16, maxLength: 6,
            dropout: 0, generator: new Generator(7));
        Assert.Equal(["token_embedding", "position_embedding", "dropout", "layers", "norm", "head"], model.NamedChildren().Select(c => c.Name));
        var tokens = Tensor.FromArray(new long[] { 1, 2, 3, 4, 5, 6, 0, 1, 2, 3 }, 2, 5);
        var logits = model.Forward(tokens);
        Assert.Equal([2, 5, 7], logits.Shape.ToArray());

        var changedLast = Tensor.FromArray(new long[] { 1, 2, 3, 4, 0, 6, 0, 1, 2, 6 }, 2, 5);
        var changedLogits = model.Forward(changedLast);
        TensorAssert.Close(logits.Narrow(1, 0, 4), changedLogits.Narrow(1, 0, 4), 1e-6, 1e-6, "earlier positions");
        Assert.NotEqual(logits.Select(1, 4).ToArray(), changedLogits.Select(1, 4).ToArray());
        TensorAssert.Close(logits[0], model.Forward(tokens[0]), 1e-6, 1e-6, "unbatched");
    }

    [Fact]
    public void CausalLanguageModelRejectsBadTokens()
    {
        var model = new CausalTransformerLM(5, 4, 2, 1, 8, maxLength: 3, dropout: 0);
        var tooLong = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.FromArray(new long[] { 1, 2, 3, 4 })));
        Assert.Contains("max_length = 3", tooLong.Message);
        var outOfRange = Assert.Throws<ArgumentException>(() => model.Forward(Tensor.FromArray(new long[] { 1, 7 })));
        Assert.Contains("Embedding(5, 4)", outOfRange.Message);
        Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(1, 2, 3)));
        Assert.Throws<ArgumentException>(() => new CausalTransformerLM(5, 6, 4, 1, 8, 3));
    }

    [Fact]
    public void GenerateExtendsThePromptReproducibly()
    {
        var model = new CausalTransformerLM(6, 8, 2, 1, 16, maxLength: 4, dropout: 0, generator: new Generator(8));
        model.Eval();
        var prompt = Tensor.FromArray(new long[] { 1, 2 });
        var first = model.Generate(prompt, 6, temperature: 0.8, topK: 3, generator: new Generator(9)).ToArray<long>();
        var second = model.Generate(prompt, 6, temperature: 0.8, topK: 3, generator: new Generator(9)).ToArray<long>();
        Assert.Equal(8, first.Length);
        Assert.Equal(first, second);
        Assert.Equal([1L, 2L], first[..2]);
        Assert.All(first, t => Assert.InRange(t, 0, 5));
        Assert.Equal(new long[] { 1, 2 }, model.Generate(prompt, 0).ToArray<long>());
        Assert.Throws<ArgumentException>(() => model.Generate(Tensor.Zeros(2), 3));
    }
}
