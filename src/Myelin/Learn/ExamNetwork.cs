using Myelin.NN;

namespace Myelin.Learn;

/// <summary>
/// The textbook's first forward pass: will a student pass the exam? Two inputs (hours studied,
/// previous knowledge), two hidden sigmoid neurons and one sigmoid output, with fixed weights:
/// </summary>
/// <remarks>
/// <code>
/// hidden 1: σ(0.2 · hours + 0.3 · knowledge + 0.5)
/// hidden 2: σ(0.1 · hours + 0.4 · knowledge + 0.1)
/// output:   σ(0.6 · hidden1 + 0.8 · hidden2 + 0.2)
/// </code>
/// For 3 hours and knowledge 7 both hidden neurons compute σ(3.2) ≈ 0.961 and the output is
/// σ(1.545) ≈ 0.824: an 82.4% chance of passing.
/// </remarks>
public static class ExamNetwork
{
    /// <summary>The names of the two inputs, in order.</summary>
    public static IReadOnlyList<string> InputNames { get; } = ["hours studied", "previous knowledge"];

    /// <summary>
    /// The network as library layers, <c>Sequential(Linear(2, 2), Sigmoid(), Linear(2, 1), Sigmoid())</c>,
    /// with the textbook's weights. Shape: [N, 2] → [N, 1].
    /// </summary>
    /// <param name="dtype">Float32 (default) or Float64 (for gradient checks).</param>
    public static Sequential Create(DType dtype = DType.Float32)
    {
        // The weights are overwritten below; a private generator leaves Generator.Default untouched.
        var generator = new Generator(0);
        var hidden = new Linear(2, 2, generator: generator, dtype: dtype);
        var output = new Linear(2, 1, generator: generator, dtype: dtype);
        using (Autograd.NoGrad())
        {
            hidden.Weight.CopyFrom(Tensor.FromArray(new double[,] { { 0.2, 0.3 }, { 0.1, 0.4 } }));
            hidden.Bias!.CopyFrom(Tensor.FromArray(new[] { 0.5, 0.1 }, 2));
            output.Weight.CopyFrom(Tensor.FromArray(new double[,] { { 0.6, 0.8 } }));
            output.Bias!.CopyFrom(Tensor.FromArray(new[] { 0.2 }, 1));
        }
        return new Sequential(hidden, new Sigmoid(), output, new Sigmoid());
    }

    /// <summary>The worked example's student: 3 hours studied, previous knowledge 7. Shape: [1, 2].</summary>
    /// <param name="dtype">The tensor's floating-point type.</param>
    public static Tensor Input(DType dtype = DType.Float32) => Tensor.FromArray(new[] { 3.0, 7.0 }, 1, 2).To(dtype);
}
