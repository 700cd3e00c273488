using System.Text.Json;
using Myelin.Optim;

namespace Myelin.Tests.Optim;

/// <summary>Reads the PyTorch reference values written by tools/make_optim_fixtures.py.</summary>
public static class OptimFixtures
{
    static readonly Lazy<JsonElement> optimizers = new(() => Load("optimizers.json"));
    static readonly Lazy<JsonElement> schedulers = new(() => Load("schedulers.json"));
    static readonly Lazy<JsonElement> clipping = new(() => Load("clipping.json"));

    public static JsonElement Optimizers => optimizers.Value;
    public static JsonElement Schedulers => schedulers.Value;
    public static JsonElement Clipping => clipping.Value;

    static JsonElement Load(string name) => FixtureReader.Load("Optim", name);

    public static JsonElement Case(JsonElement fixture, string name) =>
        fixture.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    public static IEnumerable<object[]> CaseNames(JsonElement fixture) =>
        fixture.GetProperty("cases").EnumerateArray().Select(c => new object[] { c.GetProperty("name").GetString()! });

    /// <summary>A tensor from {"shape": [...], "data": [...]}.</summary>
    public static Tensor Decode(JsonElement e, DType dtype) => FixtureReader.Decode(e, dtype);

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(x => x.GetDouble()).ToArray();

    /// <summary>An options object ({"lr": 0.1, "nesterov": true}) as numbers by state-dict name.</summary>
    public static Dictionary<string, double> Options(JsonElement e)
    {
        var result = new Dictionary<string, double>();
        foreach (var property in e.EnumerateObject())
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                _ => property.Value.GetDouble(),
            };
        return result;
    }

    /// <summary>Builds the optimizer a fixture case describes over the given named parameters.</summary>
    public static Optimizer CreateOptimizer(JsonElement @case, IReadOnlyDictionary<string, Tensor> parameters)
    {
        var options = Options(@case.GetProperty("options"));
        var groupsElement = @case.GetProperty("groups");
        var groups = new List<ParameterGroup>();
        if (groupsElement.ValueKind == JsonValueKind.Null)
            groups.Add(new ParameterGroup([parameters["weight"], parameters["bias"]]));
        else
            foreach (var g in groupsElement.EnumerateArray())
            {
                var group = new ParameterGroup(g.GetProperty("params").EnumerateArray().Select(n => parameters[n.GetString()!]));
                foreach (var (name, value) in Options(g.GetProperty("options"))) group[name] = value;
                groups.Add(group);
            }
        return CreateOptimizer(@case.GetProperty("optimizer").GetString()!, groups, options);
    }

    public static Optimizer CreateOptimizer(string kind, IEnumerable<ParameterGroup> groups, Dictionary<string, double> o)
    {
        double Get(string name, double fallback) => o.TryGetValue(name, out var v) ? v : fallback;
        return kind switch
        {
            "SGD" => new SGD(groups, lr: o["lr"], momentum: Get("momentum", 0), dampening: Get("dampening", 0),
                weightDecay: Get("weight_decay", 0), nesterov: Get("nesterov", 0) != 0),
            "Adam" => new Adam(groups, lr: o["lr"], beta1: Get("beta1", 0.9), beta2: Get("beta2", 0.999), eps: Get("eps", 1e-8),
                weightDecay: Get("weight_decay", 0), amsgrad: Get("amsgrad", 0) != 0),
            "AdamW" => new AdamW(groups, lr: o["lr"], beta1: Get("beta1", 0.9), beta2: Get("beta2", 0.999), eps: Get("eps", 1e-8),
                weightDecay: Get("weight_decay", 1e-2), amsgrad: Get("amsgrad", 0) != 0),
            "RMSprop" => new RMSprop(groups, lr: o["lr"], alpha: Get("alpha", 0.99), eps: Get("eps", 1e-8),
                weightDecay: Get("weight_decay", 0), momentum: Get("momentum", 0), centered: Get("centered", 0) != 0),
            "Adagrad" => new Adagrad(groups, lr: o["lr"], lrDecay: Get("lr_decay", 0), weightDecay: Get("weight_decay", 0),
                initialAccumulatorValue: Get("initial_accumulator_value", 0), eps: Get("eps", 1e-10)),
            _ => throw new ArgumentException($"unknown optimizer {kind}"),
        };
    }

    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double tolerance = absolute + relative * Math.Abs(expected[i]);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (difference {Math.Abs(expected[i] - actual[i]):E2}, tolerance {tolerance:E2})");
        }
    }
}
