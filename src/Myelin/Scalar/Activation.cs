namespace Myelin.Scalar;

/// <summary>The function a <see cref="Neuron"/> applies to its weighted sum.</summary>
public enum Activation
{
    /// <summary>No activation: the neuron outputs its weighted sum as it is.</summary>
    Linear,

    /// <summary>The hyperbolic tangent, output in (−1, 1).</summary>
    Tanh,

    /// <summary>The rectified linear unit max(0, x).</summary>
    Relu,

    /// <summary>The logistic sigmoid 1/(1 + e⁻ˣ), output in (0, 1).</summary>
    Sigmoid,
}
