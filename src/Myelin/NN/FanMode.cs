namespace Myelin.NN;

/// <summary>Which fan Kaiming initialisation scales by (PyTorch's <c>mode</c>).</summary>
public enum FanMode
{
    /// <summary>The number of inputs to a unit: keeps the variance of activations in the forward pass.</summary>
    FanIn,

    /// <summary>The number of outputs of a unit: keeps the variance of gradients in the backward pass.</summary>
    FanOut,
}
