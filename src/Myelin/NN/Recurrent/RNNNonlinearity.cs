namespace Myelin.NN;

/// <summary>The activation of a plain (Elman) recurrent layer: PyTorch's <c>nonlinearity</c> argument of <c>RNN</c> and <c>RNNCell</c>.</summary>
public enum RNNNonlinearity
{
    /// <summary>h' = tanh(…), the default.</summary>
    Tanh,
    /// <summary>h' = max(0, …).</summary>
    ReLU,
}
