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
    const double ForwardTolerance = 1e-5, GradientTolerance = 1e-4;

    public static IEnumerable<object[]> Cases() => ConvFixtures.Names();

    static Module BuildLoaded(ConvCase c)
    {
        var module = ConvFixtures.Build(c.Layer, c.Config);
        module.Train(c.Training);
        var result = module.LoadStateDict(c.State);
        Assert.True(result.IsExactMatch);
        return module;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ForwardMatchesPyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        var output = BuildLoaded(c).Forward(c.Input);
        TensorAssert.Close(c.Output, output, ForwardTolerance, 1e-6, $"{name} output");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        var module = BuildLoaded(c);
        var input = c.Input.Clone().RequireGrad();
        module.Forward(input).Backward(c.GradOutput);

        TensorAssert.Close(c.InputGrad, input.Grad, GradientTolerance, 1e-5, $"{name} input gradient");
        var parameters = module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        Assert.Equal(c.ParamGrads.Keys.Order(), parameters.Keys.Order());
        foreach (var (key, expected) in c.ParamGrads)
            TensorAssert.Close(expected, parameters[key].Grad, GradientTolerance, 1e-5, $"{name} gradient of {key}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StateAfterOneStepMatchesPyTorch(string name)
    {
        var c = ConvFixtures.Cases[name];
        var module = BuildLoaded(c);
        module.Forward(c.Input);
        var state = module.StateDict();
        Assert.Equal(c.StateAfter.Keys, state.Keys);
        foreach (var (key, expected) in c.StateAfter)
        {
            Assert.Equal(expected.DType, state[key].DType);
            TensorAssert.Close(expected, state[key], ForwardTolerance, 1e-6, $"{name} state {key} after the step");
        }
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
        TensorAssert.Close(c.Output, output, ForwardTolerance, 1e-6, $"{name} output from a non-contiguous input");
    }
}
