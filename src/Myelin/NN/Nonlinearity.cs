namespace Myelin.NN;

/// <summary>The nonlinearity that follows a layer, for <see cref="Init.CalculateGain"/> (PyTorch's names in .NET casing).</summary>
public enum Nonlinearity
{
    /// <summary>No nonlinearity (gain 1).</summary>
    Linear,
    /// <summary>A 1-D convolution with no nonlinearity (gain 1).</summary>
    Conv1d,
    /// <summary>A 2-D convolution with no nonlinearity (gain 1).</summary>
    Conv2d,
    /// <summary>A 3-D convolution with no nonlinearity (gain 1).</summary>
    Conv3d,
    /// <summary>A 1-D transposed convolution (gain 1).</summary>
    ConvTranspose1d,
    /// <summary>A 2-D transposed convolution (gain 1).</summary>
    ConvTranspose2d,
    /// <summary>A 3-D transposed convolution (gain 1).</summary>
    ConvTranspose3d,
    /// <summary>The logistic sigmoid (gain 1).</summary>
    Sigmoid,
    /// <summary>tanh (gain 5/3).</summary>
    Tanh,
    /// <summary>ReLU (gain √2).</summary>
    ReLU,
    /// <summary>Leaky ReLU with negative slope a (gain √(2 / (1 + a²))).</summary>
    LeakyReLU,
    /// <summary>SELU (gain 3/4).</summary>
    SELU,
}
