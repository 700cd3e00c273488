using Myelin.NN;
using Myelin.Tests.NN;

namespace Myelin.Tests;

/// <summary>
/// The checks of a layer against a <see cref="LayerFixtureCase"/>: load PyTorch's state, run forward (and backward),
/// and compare in Float32 (1e-5 relative for values, 1e-4 for gradients).
/// </summary>
public static class LayerFixtureAssert
{
    public const double ForwardTolerance = 1e-5, GradientTolerance = 1e-4;

    /// <summary>Puts the layer in the case's mode and loads its state, which must match key for key.</summary>
    public static Module Loaded(Module module, LayerFixtureCase c)
    {
        module.Train(c.Training);
        var result = module.LoadStateDict(c.State);
        Assert.True(result.IsExactMatch);
        return module;
    }

    public static void ForwardMatches(Module loaded, LayerFixtureCase c)
    {
        var output = loaded.Forward(c.Input);
        TensorAssert.Close(c.Output, output, ForwardTolerance, 1e-6, $"{c.Name} output");
    }

    /// <summary>The input and parameter gradients for the case's upstream gradient; every parameter has one.</summary>
    public static void GradientsMatch(Module loaded, LayerFixtureCase c)
    {
        var input = c.Input.Clone().RequireGrad();
        loaded.Forward(input).Backward(c.GradOutput);

        TensorAssert.Close(c.InputGrad, input.Grad, GradientTolerance, 1e-5, $"{c.Name} input gradient");
        var parameters = loaded.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        Assert.Equal(c.ParamGrads.Keys.Order(), parameters.Keys.Order());
        foreach (var (key, expected) in c.ParamGrads)
            TensorAssert.Close(expected, parameters[key].Grad, GradientTolerance, 1e-5, $"{c.Name} gradient of {key}");
    }

    /// <summary>The whole state dict (running statistics included) after one forward step, dtypes too.</summary>
    public static void StateAfterOneStepMatches(Module loaded, LayerFixtureCase c)
    {
        loaded.Forward(c.Input);
        var state = loaded.StateDict();
        Assert.Equal(c.StateAfter.Keys, state.Keys);
        foreach (var (key, expected) in c.StateAfter)
        {
            Assert.Equal(expected.DType, state[key].DType);
            TensorAssert.Close(expected, state[key], ForwardTolerance, 1e-6, $"{c.Name} state {key} after the step");
        }
    }
}
