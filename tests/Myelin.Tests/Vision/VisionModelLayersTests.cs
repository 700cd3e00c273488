using Myelin.IO;
using Myelin.NN;
using Myelin.Tests.NN;
using Myelin.Vision;

namespace Myelin.Tests.Vision;

public class VisionModelLayersTests
{
    /// <summary>A CNN with every image layer type and settings other than the defaults. Input [N, 36] → [N, 5].</summary>
    static Sequential EveryImageLayer(Generator generator) => new(
        new Unflatten(1, 1, 6, 6),
        new Conv2d(1, 4, (3, 2), stride: (1, 2), padding: (1, 1), generator: generator),               // [N, 4, 6, 4]
        new BatchNorm2d(4, eps: 1e-3, momentum: 0.2),
        new ReLU(),
        new Conv2d(4, 4, 3, padding: "same", groups: 2, bias: false, generator: generator),       // [N, 4, 6, 4]
        new Dropout2d(0.1),
        new ConvTranspose2d(4, 3, 3, stride: 2, padding: 1, outputPadding: 1, generator: generator), // [N, 3, 12, 8]
        new MaxPool2d(2, stride: 1, padding: 1, ceilMode: true),                                   // [N, 3, 13, 9]
        new AvgPool2d((2, 3), padding: (1, 1), countIncludePad: false, divisorOverride: 3),        // [N, 3, 7, 3]
        new Upsample(scaleFactor: 2),                                                              // [N, 3, 14, 6]
        new Upsample(size: (7, 5)),
        new AdaptiveAvgPool2d((2, 3)),                                                             // [N, 3, 2, 3]
        new Flatten(),
        new Linear(3 * 2 * 3, 5, generator: generator));

    [Fact]
    public void ACnnSavedWithModelSaveLoadsAndGivesIdenticalOutputs()
    {
        var generator = new Generator(1);
        var model = EveryImageLayer(generator);
        // A few training batches, so the running statistics differ from their initial values.
        model.Train();
        using (Autograd.NoGrad())
            for (int i = 0; i < 3; i++) model.Forward(Tensor.Randn([4, 36], generator));
        model.Eval();

        string path = Path.Combine(Path.GetTempPath(), $"myelin-cnn-{Guid.NewGuid():N}.safetensors");
        try
        {
            Model.Save(model, path);
            var loaded = Model.Load(path);
            Assert.Equal(model.ToString(), loaded.ToString());
            Assert.False(loaded.IsTraining);
            var x = Tensor.Randn([3, 36], new Generator(2));
            using (Autograd.NoGrad()) TensorAssert.Equal(model.Forward(x), loaded.Forward(x));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Conv1dAndTheFloat64CnnRoundTripThroughTheDescription()
    {
        var model = new Sequential(
            new Conv1d(2, 4, 3, stride: 2, padding: 1, dilation: 2, dtype: DType.Float64),
            new Conv1d(4, 1, 2, padding: "valid", bias: false, dtype: DType.Float64),
            new Conv2d(1, 1, 3, padding: "valid", dilation: (2, 1), groups: 1, dtype: DType.Float64));
        string json = ModelDescription.FromModule(model).ToJson();
        var rebuilt = ModelDescription.FromJson(json).Build();
        Assert.Equal(model.ToString(), rebuilt.ToString());
        Assert.Equal(json, ModelDescription.FromModule(rebuilt).ToJson());
        Assert.Contains("\"padding\":\"valid\"", json);
        Assert.Contains("\"dtype\":\"float64\"", json);
    }

    [Fact]
    public void SizesKeepTheFormTheyWereGivenIn()
    {
        var json = ModelDescription.FromModule(new Sequential(new MaxPool2d(2), new MaxPool2d((2, 3)), new Conv2d(1, 1, 3, padding: "same"))).ToJson();
        Assert.Contains("{\"type\":\"MaxPool2d\",\"kernel_size\":2,\"stride\":2,\"padding\":0,\"dilation\":1,\"ceil_mode\":false}", json);
        Assert.Contains("\"kernel_size\":[2,3],\"stride\":[2,3]", json);
        Assert.Contains("\"kernel_size\":3,\"stride\":1,\"padding\":\"same\"", json);
        var rebuilt = ModelDescription.FromJson(json).Build();
        Assert.Equal("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", ((Sequential)rebuilt)[0].ToString());
    }

    [Fact]
    public void EveryImageLayerTypeIsRegistered()
    {
        foreach (var type in new[] { "Conv1d", "Conv2d", "ConvTranspose2d", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d", "BatchNorm2d", "Dropout2d", "Upsample", "Unflatten" })
            Assert.Contains(type, ModelDescription.LayerTypes);
    }

    [Theory]
    [InlineData("\"kernel_size\":\"3\"", "Conv2d: field \"kernel_size\" must be an integer or a pair [height, width].")]
    [InlineData("\"kernel_size\":[3,3,3]", "Conv2d: field \"kernel_size\" must be an integer or a pair [height, width].")]
    [InlineData("\"padding\":true", "Conv2d: field \"padding\" must be \"same\", \"valid\", an integer or a pair [height, width].")]
    [InlineData("\"padding\":\"full\"", "Conv2d: padding must be")]
    public void MalformedSettingsAreReportedWithTheirPlace(string replacement, string message)
    {
        string json = ModelDescription.FromModule(new Sequential(new Conv2d(1, 2, 3, padding: 1))).ToJson();
        string field = replacement[..replacement.IndexOf(':')];
        int start = json.IndexOf(field, StringComparison.Ordinal);
        int end = json.IndexOf(",\"", start + field.Length, StringComparison.Ordinal);
        string broken = json[..start] + replacement + json[end..];
        var error = Assert.Throws<ModelFormatException>(() => ModelDescription.FromJson(broken).Build());
        Assert.Contains("model.layers[0]", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AMissingSizeFieldIsNamed()
    {
        string json = ModelDescription.FromModule(new Sequential(new MaxPool2d(2))).ToJson().Replace("\"kernel_size\":2,", "");
        var error = Assert.Throws<ModelFormatException>(() => ModelDescription.FromJson(json).Build());
        Assert.Contains("MaxPool2d: missing field \"kernel_size\".", error.Message);
    }
}
