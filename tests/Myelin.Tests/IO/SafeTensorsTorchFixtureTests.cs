using System.Text.Json;
using Myelin.IO;

namespace Myelin.Tests.IO;

/// <summary>
/// Reads a file written from PyTorch tensors by tools/make_safetensors_fixture.py and compares every
/// value with the expectations the script stored beside it.
/// </summary>
public class SafeTensorsTorchFixtureTests
{
    static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors");

    [Fact]
    public void TorchWrittenFileLoadsWithTheSameValues()
    {
        var file = SafeTensors.Read(Path.Combine(FixtureDirectory, "torch_reference.safetensors"));
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FixtureDirectory, "torch_reference.json")));

        foreach (var item in expected.RootElement.GetProperty("metadata").EnumerateObject())
            Assert.Equal(item.Value.GetString(), file.Metadata[item.Name]);

        var tensors = expected.RootElement.GetProperty("tensors");
        Assert.Equal(tensors.EnumerateObject().Select(p => p.Name).Order(), file.Tensors.Keys.Order());
        foreach (var item in tensors.EnumerateObject())
        {
            string name = item.Name;
            Tensor tensor = file[name];
            Assert.True(SafeTensorsDTypeInfo.TryParse(item.Value.GetProperty("dtype").GetString()!, out var fileDType));
            Assert.Equal(fileDType, file.Header[name].DType);
            Assert.Equal(fileDType.LoadsAs(), tensor.DType);
            Assert.Equal(item.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), tensor.Shape.ToArray());

            var values = item.Value.GetProperty("values").EnumerateArray().ToArray();
            Assert.Equal(values.Length, tensor.NumElements);
            for (int i = 0; i < values.Length; i++)
            {
                switch (tensor.DType)
                {
                    case DType.Float32: Assert.Equal((float)values[i].GetDouble(), tensor.Span<float>()[i]); break;
                    case DType.Float64: Assert.Equal(values[i].GetDouble(), tensor.Span<double>()[i]); break;
                    case DType.Int32: Assert.Equal(values[i].GetInt32(), tensor.Span<int>()[i]); break;
                    case DType.Int64: Assert.Equal(values[i].GetInt64(), tensor.Span<long>()[i]); break;
                    case DType.Bool: Assert.Equal(values[i].GetBoolean(), tensor.Span<bool>()[i]); break;
                    default: throw new InvalidOperationException($"{name}: unexpected dtype {tensor.DType}");
                }
            }
        }
    }

    [Fact]
    public void TorchWrittenFileSpotChecks()
    {
        // A few values stated outright, so the test fails even if the script and the JSON went wrong together.
        var file = SafeTensors.Read(Path.Combine(FixtureDirectory, "torch_reference.safetensors"));
        Assert.Equal([0.5f, -1.25f, 3.0e-8f], file["fc.bias"].Span<float>().ToArray());
        Assert.Equal([0L, 7L, -3L, long.MaxValue, long.MinValue], file["labels"].Span<long>().ToArray());
        Assert.Empty(file["steps"].Shape);
        Assert.Equal(42L, file["steps"].Span<long>()[0]);
        Assert.Equal([0, 5], file["empty"].Shape.ToArray());
        Assert.Equal([true, false, true], file["mask"].Span<bool>().ToArray());
        Assert.Equal([0, 1, 128, 255], file["bytes"].Span<int>().ToArray());
        Assert.Equal(65504f, file["half"].Span<float>()[2]);
        Assert.Equal(-3.140625f, file["brain"].Span<float>()[1]);
        Assert.Equal("pt", file.Metadata["format"]);
    }

    [Fact]
    public void MyelinRewritesTheTorchFileWithTheSameValues()
    {
        // Native dtypes survive a rewrite bit for bit; widened ones come back in their widened type.
        var original = SafeTensors.Read(Path.Combine(FixtureDirectory, "torch_reference.safetensors"));
        var rewritten = SafeTensors.Read(new MemoryStream(SafeTensors.Serialize(original.Tensors, original.Metadata)));
        Assert.Equal(original.Metadata.OrderBy(kv => kv.Key), rewritten.Metadata.OrderBy(kv => kv.Key));
        foreach (var (name, tensor) in original.Tensors)
        {
            Assert.Equal(tensor.DType, rewritten[name].DType);
            Assert.Equal(tensor.Shape.ToArray(), rewritten[name].Shape.ToArray());
            Assert.Equal(SafeTensorsDTypeInfo.FromDType(tensor.DType), rewritten.Header[name].DType);
        }
        Assert.Equal(original["fc.weight"].Span<float>().ToArray(), rewritten["fc.weight"].Span<float>().ToArray());
        Assert.Equal(original["precise"].Span<double>().ToArray(), rewritten["precise"].Span<double>().ToArray());
    }
}
