using System.Text.Json;
using Myelin.NN;

namespace Myelin.Tests.Losses;

/// <summary>One case of Fixtures/Losses/losses.json: a loss, its options, its tensors and PyTorch's results.</summary>
public sealed class LossCase
{
    public required string Name { get; init; }
    public required string Loss { get; init; }
    public required Reduction Reduction { get; init; }
    public required Tensor Input { get; init; }
    public required Tensor Target { get; init; }
    public Tensor? Weight { get; init; }
    public Tensor? PosWeight { get; init; }
    public double Delta { get; init; } = 1;
    public double Beta { get; init; } = 1;
    public long IgnoreIndex { get; init; } = -100;
    public double LabelSmoothing { get; init; }
    public bool LogTarget { get; init; }
    public required Tensor Output { get; init; }
    public Tensor? GradOutput { get; init; }
    public Tensor? InputGrad { get; init; }
    public Tensor? TargetGrad { get; init; }
}

public static class LossFixtures
{
    static readonly Lazy<Dictionary<string, LossCase>> cases = new(Load);

    public static IReadOnlyDictionary<string, LossCase> Cases => cases.Value;

    public static IEnumerable<object[]> Names() => Cases.Keys.Select(n => new object[] { n });

    static Dictionary<string, LossCase> Load()
    {
        var result = new Dictionary<string, LossCase>();
        foreach (var c in FixtureReader.Load("Losses", "losses.json").GetProperty("cases").EnumerateArray())
        {
            var o = c.GetProperty("options");
            Tensor? Optional(JsonElement e, string key) => e.TryGetProperty(key, out var v) ? FixtureReader.Decode(v) : null;
            double Number(string key, double fallback) => o.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;
            var name = c.GetProperty("name").GetString()!;
            result[name] = new LossCase
            {
                Name = name,
                Loss = c.GetProperty("loss").GetString()!,
                Reduction = o.GetProperty("reduction").GetString() switch
                {
                    "mean" => Reduction.Mean,
                    "sum" => Reduction.Sum,
                    "none" => Reduction.None,
                    "batchmean" => Reduction.BatchMean,
                    var other => throw new InvalidDataException($"losses.json: unknown reduction {other}"),
                },
                Input = FixtureReader.Decode(c.GetProperty("input")),
                Target = FixtureReader.Decode(c.GetProperty("target")),
                Weight = Optional(o, "weight"),
                PosWeight = Optional(o, "pos_weight"),
                Delta = Number("delta", 1),
                Beta = Number("beta", 1),
                IgnoreIndex = o.TryGetProperty("ignore_index", out var ii) ? ii.GetInt64() : -100,
                LabelSmoothing = Number("label_smoothing", 0),
                LogTarget = o.TryGetProperty("log_target", out var lt) && lt.GetBoolean(),
                Output = FixtureReader.Decode(c.GetProperty("output")),
                GradOutput = Optional(c, "grad_output"),
                InputGrad = Optional(c, "input_grad"),
                TargetGrad = Optional(c, "target_grad"),
            };
        }
        return result;
    }

    /// <summary>The functional form of a case's loss, with its options.</summary>
    public static Tensor RunFunctional(LossCase c, Tensor input, Tensor target, Tensor? weight, Tensor? posWeight) => c.Loss switch
    {
        "mse" => F.MSELoss(input, target, c.Reduction),
        "l1" => F.L1Loss(input, target, c.Reduction),
        "huber" => F.HuberLoss(input, target, c.Delta, c.Reduction),
        "smooth_l1" => F.SmoothL1Loss(input, target, c.Beta, c.Reduction),
        "bce" => F.BCELoss(input, target, weight, c.Reduction),
        "bce_with_logits" => F.BCEWithLogitsLoss(input, target, weight, posWeight, c.Reduction),
        "cross_entropy" => F.CrossEntropy(input, target, weight, c.IgnoreIndex, c.LabelSmoothing, c.Reduction),
        "nll" => F.NLLLoss(input, target, weight, c.IgnoreIndex, c.Reduction),
        "kl_div" => F.KLDivLoss(input, target, c.Reduction, c.LogTarget),
        _ => throw new InvalidDataException($"no functional form for '{c.Loss}'"),
    };

    /// <summary>The class form of a case's loss, with its options.</summary>
    public static Loss MakeLoss(LossCase c) => c.Loss switch
    {
        "mse" => new MSELoss(c.Reduction),
        "l1" => new L1Loss(c.Reduction),
        "huber" => new HuberLoss(c.Delta, c.Reduction),
        "smooth_l1" => new SmoothL1Loss(c.Beta, c.Reduction),
        "bce" => new BCELoss(c.Weight, c.Reduction),
        "bce_with_logits" => new BCEWithLogitsLoss(c.Weight, c.PosWeight, c.Reduction),
        "cross_entropy" => new CrossEntropyLoss(c.Weight, c.IgnoreIndex, c.LabelSmoothing, c.Reduction),
        "nll" => new NLLLoss(c.Weight, c.IgnoreIndex, c.Reduction),
        "kl_div" => new KLDivLoss(c.Reduction, c.LogTarget),
        _ => throw new InvalidDataException($"no class for '{c.Loss}'"),
    };
}
