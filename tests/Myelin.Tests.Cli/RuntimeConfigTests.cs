using System.Text.Json;

namespace Myelin.Tests.Cli;

/// <summary>The garbage-collector settings of <c>src/Myelin/buildTransitive/Myelin.props</c> reach the tool's runtimeconfig.json.</summary>
public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheToolKeepsTensorSizedArraysOffTheLargeObjectHeap()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Myelin.Cli.runtimeconfig.json");
        Assert.True(File.Exists(path), $"expected the tool's runtime configuration at {path}");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var properties = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        long threshold = properties.GetProperty("System.GC.LOHThreshold").GetInt64();
        long regionSize = properties.GetProperty("System.GC.RegionSize").GetInt64();
        // A batch of 128 × 256 float activations (128 KB) and a 1024 × 1024 float matrix (4 MB) stay in generation 0.
        Assert.True(threshold > 1024 * 1024 * sizeof(float), $"LOH threshold {threshold} bytes");
        Assert.True(regionSize >= threshold, $"region size {regionSize} is smaller than the LOH threshold {threshold}");
    }
}
