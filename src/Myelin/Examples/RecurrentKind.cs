namespace Myelin.Examples;

/// <summary>Which recurrent layer a sequence example uses.</summary>
public enum RecurrentKind
{
    /// <summary>The plain (Elman) recurrent layer, <see cref="NN.RNN"/> with tanh.</summary>
    RNN,

    /// <summary>Long short-term memory, <see cref="NN.LSTM"/>.</summary>
    LSTM,

    /// <summary>The gated recurrent unit, <see cref="NN.GRU"/>.</summary>
    GRU,
}
