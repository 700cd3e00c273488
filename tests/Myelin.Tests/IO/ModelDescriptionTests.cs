using System.Text.Json;
using Myelin.IO;
using Myelin.NN;

namespace Myelin.Tests.IO.Model;

public class ModelDescriptionTests
{
    static string[] Types(string json)
    {
        var types = new List<string>();
        using var document = JsonDocument.Parse(json);
        Collect(document.RootElement.GetProperty("model"));
        return [.. types.Distinct().Order(StringComparer.Ordinal)];

        void Collect(JsonElement layer)
        {
            types.Add(layer.GetProperty("type").GetString()!);
            if (layer.TryGetProperty("layers", out var children))
                foreach (var child in children.EnumerateArray()) Collect(child);
        }
    }

    static (string Key, string Shape, DType DType)[] Signature(Module module) =>
        [.. module.StateDict().Select(e => (e.Key, string.Join("x", e.Value.Shape), e.Value.DType))];

    [Fact]
    public void EveryStandardLayerRoundTripsThroughJson()
    {
        var model = ModelTestModels.EveryLayer(new Generator(1));
        var description = ModelDescription.FromModule(model);
        string json = description.ToJson(indented: true);

        var rebuilt = ModelDescription.FromJson(json).Build();

        Assert.Equal(ModelTestModels.StandardLayerTypes.Order(StringComparer.Ordinal), Types(json));
        Assert.Equal(model.ToString(), rebuilt.ToString());
        Assert.Equal(Signature(model), Signature(rebuilt));
        Assert.Equal(description.ToJson(), ModelDescription.FromModule(rebuilt).ToJson());
    }

    [Fact]
    public void TheJsonHasTheHeaderAndPyTorchFieldNames()
    {
        var model = new Sequential(new Linear(4, 8), new BatchNorm1d(8, momentum: null), new GELU("tanh"));
        using var document = JsonDocument.Parse(ModelDescription.FromModule(model).ToJson());
        var root = document.RootElement;

        Assert.Equal("myelin-model", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var layers = root.GetProperty("model").GetProperty("layers");
        Assert.Equal("""{"type":"Linear","in_features":4,"out_features":8,"bias":true,"dtype":"float32"}""", layers[0].GetRawText());
        Assert.Equal(JsonValueKind.Null, layers[1].GetProperty("momentum").ValueKind);
        Assert.Equal("tanh", layers[2].GetProperty("approximate").GetString());
    }

    [Fact]
    public void AHandWrittenDescriptionWithLayoutAndOrderOfItsOwnBuilds()
    {
        const string json = """
            {
              "version": 1,
              "model": {
                "layers": [
                  { "out_features": 3, "type": "Linear", "bias": false, "in_features": 2 },
                  { "type": "Softplus", "threshold": 5, "beta": 0.5 }
                ],
                "type": "Sequential"
              },
              "format": "myelin-model"
            }
            """;
        var model = ModelDescription.FromJson(json).Build();

        Assert.Equal(
            "Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=False)\n  (1): Softplus(beta=0.5, threshold=5.0)\n)",
            model.ToString());
        Assert.Equal(DType.Float32, ((Linear)((Sequential)model)[0]).Weight.DType);
        Assert.True(model.IsTraining);
    }

    [Fact]
    public void Float64LayersKeepTheirDType()
    {
        var model = ModelTestModels.EveryLayer(new Generator(2), DType.Float64);
        string json = ModelDescription.FromModule(model).ToJson();

        var rebuilt = ModelDescription.FromJson(json).Build();

        Assert.Contains("\"dtype\":\"float64\"", json);
        Assert.DoesNotContain("float32", json);
        Assert.All(rebuilt.StateDict().Values.Where(t => t.DType != DType.Int64), t => Assert.Equal(DType.Float64, t.DType));
    }

    [Fact]
    public void InfiniteAndNaNSettingsRoundTrip()
    {
        var model = new Sequential(new Step(double.PositiveInfinity), new Softplus(1, double.NegativeInfinity), new LeakyReLU(double.NaN));
        string json = ModelDescription.FromModule(model).ToJson();

        var rebuilt = (Sequential)ModelDescription.FromJson(json).Build();

        Assert.Contains("\"threshold\":\"inf\"", json);
        Assert.Equal(double.PositiveInfinity, ((Step)rebuilt[0]).Threshold);
        Assert.Equal(double.NegativeInfinity, ((Softplus)rebuilt[1]).Threshold);
        Assert.True(double.IsNaN(((LeakyReLU)rebuilt[2]).NegativeSlope));
    }

    [Fact]
    public void SettingsRoundTripExactly()
    {
        // 0.1 + 0.2 has no short decimal form; the JSON must carry every bit.
        var model = new Sequential(new Dropout(0.1 + 0.2), new ELU(1.0 / 3), new BatchNorm1d(3, eps: 1e-12, momentum: 0.7));
        var rebuilt = (Sequential)ModelDescription.FromJson(ModelDescription.FromModule(model).ToJson()).Build();

        Assert.Equal(0.1 + 0.2, ((Dropout)rebuilt[0]).P);
        Assert.Equal(1.0 / 3, ((ELU)rebuilt[1]).Alpha);
        Assert.Equal(1e-12, ((BatchNorm1d)rebuilt[2]).Eps);
        Assert.Equal(0.7, ((BatchNorm1d)rebuilt[2]).Momentum);
    }

    [Fact]
    public void BuildDrawsInitialValuesFromTheGivenGenerator()
    {
        var description = ModelDescription.FromModule(new Sequential(new Linear(5, 4), new Linear(4, 2)));

        var first = description.Build(new Generator(7));
        var second = description.Build(new Generator(7));
        var other = description.Build(new Generator(8));

        ModelTestModels.AssertSameState(first, second);
        Assert.NotEqual(first.StateDict()["0.weight"].ToArray<float>(), other.StateDict()["0.weight"].ToArray<float>());
    }

    [Fact]
    public void ASingleLayerIsAModelToo()
    {
        var description = ModelDescription.FromModule(new Linear(3, 2, bias: false));

        var rebuilt = description.Build();

        Assert.IsType<Linear>(rebuilt);
        Assert.Equal("Linear(in_features=3, out_features=2, bias=False)", rebuilt.ToString());
    }

    [Fact]
    public void AnUnregisteredModuleIsNamedWithItsPlace()
    {
        var model = new Sequential(new Linear(2, 2), new Sequential(new ReLU(), new Doubler()));

        var error = Assert.Throws<NotSupportedException>(() => ModelDescription.FromModule(model));

        Assert.Contains("Doubler", error.Message);
        Assert.Contains("'1.1'", error.Message);
        Assert.Contains("ModelDescription.Register", error.Message);
        Assert.Contains("StateDict", error.Message);
    }

    [Fact]
    public void AnUnregisteredModelIsNamed()
    {
        var error = Assert.Throws<NotSupportedException>(() => ModelDescription.FromModule(new Doubler()));

        Assert.Contains("the model", error.Message);
        Assert.Contains("Doubler", error.Message);
    }

    [Fact]
    public void ARegisteredLayerTypeRoundTripsWithItsChild()
    {
        ScaleLayer.EnsureRegistered();
        var model = new Sequential(new Linear(3, 3), new ScaleLayer(3, inner: new Tanh()), new ScaleLayer(3));

        string json = ModelDescription.FromModule(model).ToJson();
        var rebuilt = ModelDescription.FromJson(json).Build();

        Assert.Contains("""{"type":"Scale","size":3,"inner":{"type":"Tanh"}}""", json);
        Assert.Equal(model.ToString(), rebuilt.ToString());
        Assert.Equal(Signature(model), Signature(rebuilt));
        Assert.Contains("Scale", ModelDescription.LayerTypes);
    }

    [Fact]
    public void RegistrationRejectsATakenNameOrASecondNameForAType()
    {
        ScaleLayer.EnsureRegistered();

        var takenName = Assert.Throws<ArgumentException>(() =>
            ModelDescription.Register<ScaleLayer>("Linear", (_, _) => { }, _ => new ScaleLayer(1)));
        var secondName = Assert.Throws<ArgumentException>(() =>
            ModelDescription.Register<ScaleLayer>("Scale2", (_, _) => { }, _ => new ScaleLayer(1)));

        Assert.Contains("\"Linear\" is already registered for Linear", takenName.Message);
        Assert.Contains("ScaleLayer is already registered under the name \"Scale\"", secondName.Message);
    }

    [Fact]
    public void AWriterRejectsTheTypeFieldAndRepeatedFields()
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            var writer = new System.Text.Json.Utf8JsonWriter(new MemoryStream());
            writer.WriteStartObject();
            var layer = new ModelLayerWriter(writer, new Identity(), "");
            layer.Write("size", 1);
            layer.Write("size", 2);
        });
        var reserved = Assert.Throws<ArgumentException>(() =>
        {
            var writer = new System.Text.Json.Utf8JsonWriter(new MemoryStream());
            writer.WriteStartObject();
            new ModelLayerWriter(writer, new Identity(), "").Write("type", "x");
        });

        Assert.Contains("\"size\" was already written", error.Message);
        Assert.Contains("reserved", reserved.Message);
    }

    [Fact]
    public void ToStringIsIndentedJson()
    {
        var description = ModelDescription.FromModule(new Sequential(new ReLU()));

        Assert.Contains("\n", description.ToString());
        Assert.Equal(description.ToJson(), ModelDescription.FromJson(description.ToString()).ToJson());
    }
}
