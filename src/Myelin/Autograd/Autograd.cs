namespace Myelin;

public static partial class Autograd
{
    /// <summary>
    /// Gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/>, returned
    /// rather than stored in <see cref="Tensor.Grad"/>. Each output needs a matching entry in
    /// <paramref name="gradOutputs"/> unless it is a scalar. An input the outputs do not depend on
    /// gets null when <paramref name="allowUnused"/>, else an exception.
    /// </summary>
    /// <returns>One gradient per input, each shaped like its input.</returns>
    public static Tensor?[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs,
        IReadOnlyList<Tensor>? gradOutputs = null, bool retainGraph = false, bool createGraph = false, bool allowUnused = false)
    {
        foreach (var input in inputs)
            if (!input.RequiresGrad)
                throw new ArgumentException($"Autograd.Grad: an input of shape {Layout.Format(input.shape)} does not require gradients.");
        var result = Engine.Run(outputs, gradOutputs, retainGraph, createGraph, inputs);
        for (int i = 0; i < result.Length; i++)
            if (result[i] is null && !allowUnused)
                throw new InvalidOperationException(
                    $"Autograd.Grad: input {i} (shape {Layout.Format(inputs[i].shape)}) was not used to compute the outputs; pass allowUnused: true to get null instead.");
        return result;
    }

    /// <summary>Gradient of one scalar output with respect to one input.</summary>
    public static Tensor Grad(Tensor output, Tensor input, bool retainGraph = false, bool createGraph = false) =>
        Grad([output], [input], null, retainGraph, createGraph)[0]!;
}
