using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Sequence;

/// <summary>
/// Every layer against PyTorch: the recorded state dict is loaded by its PyTorch names, then outputs, final states
/// and the gradients of the inputs and of every parameter are compared (Float32: 1e-5 relative for values, 1e-4
/// for gradients).
/// </summary>
public class SequenceFixtureTests
{
    const double ForwardTolerance = 1e-5;
    const double GradientTolerance = 1e-4;

    public static IEnumerable<object[]> AllCases() => SequenceFixtures.Cases.Keys.Select(n => new object[] { n });

    static Module Build(SequenceCase c) => c.Kind switch
    {
        "RNN" => new RNN(c.Int("input_size"), c.Int("hidden_size"), c.Int("num_layers", 1), Nonlinearity(c), c.Bool("bias", true),
            c.Bool("batch_first"), bidirectional: c.Bool("bidirectional")),
        "LSTM" => new LSTM(c.Int("input_size"), c.Int("hidden_size"), c.Int("num_layers", 1), c.Bool("bias", true),
            c.Bool("batch_first"), bidirectional: c.Bool("bidirectional")),
        "GRU" => new GRU(c.Int("input_size"), c.Int("hidden_size"), c.Int("num_layers", 1), c.Bool("bias", true),
            c.Bool("batch_first"), bidirectional: c.Bool("bidirectional")),
        "RNNCell" => new RNNCell(c.Int("input_size"), c.Int("hidden_size"), c.Bool("bias", true), Nonlinearity(c)),
        "LSTMCell" => new LSTMCell(c.Int("input_size"), c.Int("hidden_size"), c.Bool("bias", true)),
        "GRUCell" => new GRUCell(c.Int("input_size"), c.Int("hidden_size"), c.Bool("bias", true)),
        "Embedding" => new Embedding(c.Int("num"), c.Int("dim"), c.Config.TryGetProperty("padding_idx", out var p) ? p.GetInt32() : null),
        "MultiheadAttention" => new MultiheadAttention(c.Int("embed_dim"), c.Int("num_heads"), bias: c.Bool("bias", true), batchFirst: c.Bool("batch_first")),
        "TransformerEncoderLayer" => EncoderLayer(c),
        "TransformerEncoder" => new TransformerEncoder(_ => EncoderLayer(c), c.Int("num_layers"), new LayerNorm(c.Int("d_model"))),
        _ => throw new InvalidDataException($"unknown kind {c.Kind}"),
    };

    static RNNNonlinearity Nonlinearity(SequenceCase c) => c.Text("nonlinearity", "tanh") == "relu" ? RNNNonlinearity.ReLU : RNNNonlinearity.Tanh;

    static TransformerEncoderLayer EncoderLayer(SequenceCase c) =>
        new(c.Int("d_model"), c.Int("nhead"), c.Int("dim_feedforward"), dropout: 0,
            c.Text("activation") == "gelu" ? TransformerActivation.GELU : TransformerActivation.ReLU,
            batchFirst: c.Bool("batch_first"), normFirst: c.Bool("norm_first"));

    static Dictionary<string, Tensor?> Run(Module module, SequenceCase c, Dictionary<string, Tensor> x) => module switch
    {
        RNN rnn => Pair(rnn.Forward(x["input"], x.GetValueOrDefault("h0"))),
        GRU gru => Pair(gru.Forward(x["input"], x.GetValueOrDefault("h0"))),
        LSTM lstm => Lstm(lstm.Forward(x["input"], x.ContainsKey("h0") ? (x["h0"], x["c0"]) : null)),
        RNNCell cell => new() { ["h"] = cell.Forward(x["input"], x["hx"]) },
        GRUCell cell => new() { ["h"] = cell.Forward(x["input"], x["hx"]) },
        LSTMCell cell => Cell(cell.Forward(x["input"], (x["hx"], x["cx"]))),
        Embedding embedding => new() { ["output"] = embedding.Forward(x["input"]) },
        MultiheadAttention attention => Attention(attention, c, x),
        TransformerEncoderLayer layer => new() { ["output"] = layer.Forward(x["src"], c.Mask("src_mask"), c.Mask("src_key_padding_mask")) },
        TransformerEncoder encoder => new() { ["output"] = encoder.Forward(x["src"], c.Mask("mask")) },
        _ => throw new InvalidDataException(c.Kind),
    };

    static Dictionary<string, Tensor?> Pair((Tensor Output, Tensor HN) r) => new() { ["output"] = r.Output, ["h_n"] = r.HN };

    static Dictionary<string, Tensor?> Lstm((Tensor Output, (Tensor H, Tensor C) State) r) =>
        new() { ["output"] = r.Output, ["h_n"] = r.State.H, ["c_n"] = r.State.C };

    static Dictionary<string, Tensor?> Cell((Tensor H, Tensor C) r) => new() { ["h"] = r.H, ["c"] = r.C };

    static Dictionary<string, Tensor?> Attention(MultiheadAttention attention, SequenceCase c, Dictionary<string, Tensor> x)
    {
        var q = x["query"];
        bool self = c.Bool("self_attention");
        var (output, weights) = attention.Forward(q, self ? q : x["key"], self ? q : x["value"], c.Mask("key_padding_mask"),
            c.Bool("need_weights"), c.Mask("attn_mask"), c.Bool("average_attn_weights"));
        return new() { ["output"] = output, ["weights"] = weights };
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void MatchesPyTorch(string name)
    {
        var c = SequenceFixtures.Cases[name];
        var module = Build(c);
        Assert.Equal(c.State.Keys, module.StateDict().Keys);
        module.LoadStateDict(c.State);

        var inputs = c.Inputs.ToDictionary(p => p.Key, p => p.Value.DType == DType.Float32 ? p.Value.Clone().RequireGrad() : p.Value);
        var outputs = Run(module, c, inputs);

        Assert.Equal(c.Outputs.Keys.Order(), outputs.Where(o => o.Value is not null).Select(o => o.Key).Order());
        Tensor? total = null;
        foreach (var (key, expected) in c.Outputs)
        {
            TensorAssert.Close(expected, outputs[key], ForwardTolerance, 1e-6, $"{name} {key}");
            var term = (outputs[key]! * c.Upstream[key]).Sum();
            total = total is null ? term : total + term;
        }
        total!.Backward();

        foreach (var (key, expected) in c.InputGrads)
            TensorAssert.Close(expected, inputs[key].Grad, GradientTolerance, 1e-5, $"{name} gradient of input {key}");
        var parameters = module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        Assert.Equal(c.ParamGrads.Keys.Order(), parameters.Keys.Order());
        foreach (var (key, expected) in c.ParamGrads)
            TensorAssert.Close(expected, parameters[key].Grad, GradientTolerance, 1e-5, $"{name} gradient of {key}");
    }

    [Fact]
    public void PositionalEncodingMatchesTheTutorialTable()
    {
        var expected = SequenceFixtures.PositionalEncoding;
        TensorAssert.Close(expected, PositionalEncoding.Sinusoids(7, 6), 1e-6, 1e-7, "sinusoids");
        var layer = new PositionalEncoding(6, dropout: 0, maxLength: 7);
        var x = Tensor.Randn([7, 2, 6], new Generator(1));
        TensorAssert.Close(x + expected.Unsqueeze(1), layer.Forward(x), 1e-6, 1e-6, "x + PE");
    }
}
