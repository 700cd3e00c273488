using System.Text.Json;

namespace Myelin.Tests.Ops;

/// <summary>
/// The op table: each fixture op name mapped to the Myelin expression that computes it. The same
/// names and the PyTorch expressions are in tools/make_op_fixtures.py.
/// </summary>
public static class OpTable
{
    static int Int(this JsonElement a, string key) => a.GetProperty(key).GetInt32();
    static double Num(this JsonElement a, string key) => a.GetProperty(key).GetDouble();
    static bool Keep(this JsonElement a) => a.TryGetProperty("keep", out var k) && k.GetBoolean();
    static int Correction(this JsonElement a) => a.TryGetProperty("correction", out var c) ? c.GetInt32() : 1;
    static int[] Ints(this JsonElement a, string key) => a.GetProperty(key).EnumerateArray().Select(x => x.GetInt32()).ToArray();
    static (int, int) Pair(this JsonElement a, string key) => (a.Ints(key)[0], a.Ints(key)[1]);
    static int[]? Axes(this JsonElement a) => a.TryGetProperty("axes", out var x) ? x.EnumerateArray().Select(v => v.GetInt32()).ToArray() : null;

    public static readonly Dictionary<string, Func<Tensor[], JsonElement, Tensor>> Ops = new()
    {
        ["add"] = (x, a) => x[0] + x[1],
        ["sub"] = (x, a) => x[0] - x[1],
        ["mul"] = (x, a) => x[0] * x[1],
        ["div"] = (x, a) => x[0] / x[1],
        ["pow"] = (x, a) => x[0].Pow(x[1]),
        ["pow_scalar"] = (x, a) => x[0].Pow(a.Num("p")),
        ["maximum"] = (x, a) => Tensor.Maximum(x[0], x[1]),
        ["minimum"] = (x, a) => Tensor.Minimum(x[0], x[1]),
        ["add_scalar"] = (x, a) => x[0] + a.Num("s"),
        ["rsub_scalar"] = (x, a) => a.Num("s") - x[0],
        ["mul_scalar"] = (x, a) => x[0] * a.Num("s"),
        ["rdiv_scalar"] = (x, a) => a.Num("s") / x[0],
        ["neg"] = (x, a) => -x[0],
        ["abs"] = (x, a) => x[0].Abs(),
        ["exp"] = (x, a) => x[0].Exp(),
        ["log"] = (x, a) => x[0].Log(),
        ["sqrt"] = (x, a) => x[0].Sqrt(),
        ["rsqrt"] = (x, a) => x[0].Rsqrt(),
        ["sin"] = (x, a) => x[0].Sin(),
        ["cos"] = (x, a) => x[0].Cos(),
        ["tanh"] = (x, a) => x[0].Tanh(),
        ["sigmoid"] = (x, a) => x[0].Sigmoid(),
        ["relu"] = (x, a) => x[0].ReLU(),
        ["leaky_relu"] = (x, a) => x[0].LeakyReLU(a.Num("slope")),
        ["erf"] = (x, a) => x[0].Erf(),
        ["gelu"] = (x, a) => x[0].GELU(),
        ["gelu_tanh"] = (x, a) => x[0].GELU(tanhApproximation: true),
        ["square"] = (x, a) => x[0].Square(),
        ["reciprocal"] = (x, a) => x[0].Reciprocal(),
        ["clamp"] = (x, a) => x[0].Clamp(a.Num("min"), a.Num("max")),
        ["where"] = (x, a) => Tensor.Where(x[0].Gt(0), x[1], x[2]),
        ["sum"] = (x, a) => x[0].Sum(a.Axes(), a.Keep()),
        ["mean"] = (x, a) => x[0].Mean(a.Axes(), a.Keep()),
        ["max"] = (x, a) => x[0].Max(a.Axes(), a.Keep()),
        ["min"] = (x, a) => x[0].Min(a.Axes(), a.Keep()),
        ["var"] = (x, a) => x[0].Var(a.Axes(), a.Correction(), a.Keep()),
        ["std"] = (x, a) => x[0].Std(a.Axes(), a.Correction(), a.Keep()),
        ["logsumexp"] = (x, a) => x[0].LogSumExp(a.Axes(), a.Keep()),
        ["softmax"] = (x, a) => x[0].Softmax(a.Int("axis")),
        ["log_softmax"] = (x, a) => x[0].LogSoftmax(a.Int("axis")),
        ["matmul"] = (x, a) => x[0].MatMul(x[1]),
        ["linear"] = (x, a) => Tensor.Linear(x[0], x[1], x.Length > 2 ? x[2] : null),
        ["reshape"] = (x, a) => x[0].Reshape(a.Ints("shape")),
        ["permute"] = (x, a) => x[0].Permute(a.Ints("dims")),
        ["transpose"] = (x, a) => x[0].Transpose(a.Int("d0"), a.Int("d1")),
        ["expand"] = (x, a) => x[0].Expand(a.Ints("shape")),
        ["slice"] = (x, a) => x[0].Slice(a.Int("dim"), a.Int("start"), a.Int("end"), a.Int("step")),
        ["narrow"] = (x, a) => x[0].Narrow(a.Int("dim"), a.Int("start"), a.Int("length")),
        ["select"] = (x, a) => x[0].Select(a.Int("dim"), a.Int("index")),
        ["squeeze"] = (x, a) => x[0].Squeeze(a.Int("dim")),
        ["unsqueeze"] = (x, a) => x[0].Unsqueeze(a.Int("dim")),
        ["flatten"] = (x, a) => x[0].Flatten(a.Int("start"), a.Int("end")),
        ["cat"] = (x, a) => Tensor.Cat(x, a.Int("dim")),
        ["stack"] = (x, a) => Tensor.Stack(x, a.Int("dim")),
        ["split"] = (x, a) => x[0].Split(a.Int("size"), a.Int("dim"))[a.Int("piece")],
        ["chunk"] = (x, a) => x[0].Chunk(a.Int("chunks"), a.Int("dim"))[a.Int("piece")],
        ["pad"] = (x, a) => x[0].Pad(a.Ints("pads"), a.Num("value")),
        ["gather"] = (x, a) => x[0].Gather(a.Int("dim"), x[1]),
        ["scatter_add"] = (x, a) => x[0].ScatterAdd(a.Int("dim"), x[1], x[2]),
        ["index_select"] = (x, a) => x[0].IndexSelect(a.Int("dim"), x[1]),
        ["index_add"] = (x, a) => x[0].IndexAdd(a.Int("dim"), x[1], x[2]),
        ["clone"] = (x, a) => x[0].Clone(),
        ["to_float64"] = (x, a) => x[0].To(DType.Float64),
        ["mse_like"] = (x, a) => (x[0] - x[1]).Pow(2).Mean(),
        ["unfold"] = (x, a) => x[0].Unfold(a.Pair("kernel"), a.Pair("dilation"), a.Pair("padding"), a.Pair("stride")),
        ["fold"] = (x, a) => x[0].Fold(a.Pair("output"), a.Pair("kernel"), a.Pair("dilation"), a.Pair("padding"), a.Pair("stride")),
        ["conv2d"] = (x, a) => Myelin.NN.F.Conv2d(x[0], x[1], x.Length > 2 ? x[2] : null, a.Pair("stride"), a.Pair("padding"), a.Pair("dilation"), a.Int("groups")),
        ["max_pool2d"] = (x, a) => Myelin.NN.F.MaxPool2d(x[0], a.Pair("kernel"), a.Pair("stride"), a.Pair("padding"), a.Pair("dilation"), a.GetProperty("ceil").GetBoolean()),
    };
}
