using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests.Conv;

/// <summary>
/// Each convolution and pooling layer against PyTorch (Fixtures/Conv/layers.json): the layer is built with the
/// same settings and its state loaded by PyTorch's key names; then the output, the input and parameter gradients
/// for a random upstream gradient, the buffers after the step and the printed form are compared (Float32:
/// 1e-5 relative for values, 1e-4 for gradients).
/// </summary>
public class ConvLayerFixtureTests
{
    public static IEnumerable<object[]> Cases() => ConvFixtures.Names();

    static Module BuildLoaded(LayerFixtureCase c) => LayerFixtureAssert.Loaded(ConvFixtures.Build(c.Layer, c.Config), c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        LayerFixtureAssert.ForwardMatches(BuildLoaded(c), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        LayerFixtureAssert.GradientsMatch(BuildLoaded(c), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StateAfterOneStepMatchesPyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        LayerFixtureAssert.StateAfterOneStepMatches(BuildLoaded(c), c);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrintsLikePyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        Assert.Equal(c.Repr, ConvFixtures.Build(c.Layer, c.Config).ToString());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NonContiguousInputGivesTheSameOutput(string name)
    {
        var c = ConvFixtures.Cases[name];
        // The same values read through a transposed view of a transposed copy: strides no kernel assumes.
        var strided = c.Input.Transpose(-2, -1).Contiguous().Transpose(-2, -1);
        Assert.False(strided.IsContiguous && c.Input.Size(-2) > 1 && c.Input.Size(-1) > 1);
        var output = BuildLoaded(c).Forward(strided);
        TensorAssert.Close(c.Output, output, LayerFixtureAssert.ForwardTolerance, 1e-6, $"{name} output from a non-contiguous input");
    }
}
