using System.Text.Json;
using Myelin.NN;

namespace Myelin.Tests.Conv;

/// <summary>Reads the fixtures written by tools/make_conv_fixtures.py and builds the matching Myelin layers.</summary>
public static class ConvFixtures
{
    static readonly Lazy<Dictionary<string, LayerFixtureCase>> cases = new(() => LayerFixtureCase.Load("Conv", "layers.json"));

    public static IReadOnlyDictionary<string, LayerFixtureCase> Cases => cases.Value;

    public static IEnumerable<object[]> Names() => Cases.Keys.Select(n => new object[] { n });

    /// <summary>Builds the Myelin layer that matches a fixture's "layer" and "config".</summary>
    public static Module Build(string layer, JsonElement config, DType dtype = DType.Float32)
    {
        int Int(string key) => config.GetProperty(key).GetInt32();
        bool Flag(string key) => config.GetProperty(key).GetBoolean();
        // Pooling settings are recorded as given, one number or a pair, because the layers print them back that way.
        Size2d? OptionalPair(string key) => config.GetProperty(key) switch
        {
            { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.Number } number => number.GetInt32(),
            var pair => (pair[0].GetInt32(), pair[1].GetInt32()),
        };
        Size2d Pair(string key) => OptionalPair(key) ?? throw new InvalidDataException($"{key} is null");
        ConvPadding Padding()
        {
            var p = config.GetProperty("padding");
            return p.ValueKind switch
            {
                JsonValueKind.String => p.GetString()!,
                JsonValueKind.Number => p.GetInt32(),
                _ => (p[0].GetInt32(), p[1].GetInt32()),
            };
        }
        double? Momentum() => config.GetProperty("momentum") is { ValueKind: JsonValueKind.Null } ? null : config.GetProperty("momentum").GetDouble();

        return layer switch
        {
            "Conv2d" => new Conv2d(Int("in"), Int("out"), Pair("kernel"), Pair("stride"), Padding(), Pair("dilation"), Int("groups"),
                Flag("bias"), dtype: dtype),
            "Conv1d" => new Conv1d(Int("in"), Int("out"), Int("kernel"), Int("stride"), Padding(), Int("dilation"), Int("groups"),
                Flag("bias"), dtype: dtype),
            "ConvTranspose2d" => new ConvTranspose2d(Int("in"), Int("out"), Pair("kernel"), Pair("stride"), Pair("padding"),
                Pair("output_padding"), Int("groups"), Flag("bias"), Pair("dilation"), dtype: dtype),
            "MaxPool2d" => new MaxPool2d(Pair("kernel"), OptionalPair("stride"), Pair("padding"), Pair("dilation"), Flag("ceil_mode")),
            "AvgPool2d" => new AvgPool2d(Pair("kernel"), OptionalPair("stride"), Pair("padding"), Flag("ceil_mode"), Flag("count_include_pad"),
                config.GetProperty("divisor_override") is { ValueKind: JsonValueKind.Number } d ? d.GetInt32() : null),
            "AdaptiveAvgPool2d" => new AdaptiveAvgPool2d(Pair("output_size")),
            "BatchNorm2d" => new BatchNorm2d(Int("features"), momentum: Momentum(), affine: Flag("affine"),
                trackRunningStats: Flag("track_running_stats"), dtype: dtype),
            "Upsample" => config.GetProperty("size").ValueKind == JsonValueKind.Null
                ? new Upsample(scaleFactor: config.GetProperty("scale_factor").GetDouble())
                : new Upsample(size: Pair("size")),
            _ => throw new InvalidDataException($"no factory for layer {layer}"),
        };
    }
}
