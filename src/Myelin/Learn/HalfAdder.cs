namespace Myelin.Learn;

/// <summary>
/// A circuit of five NAND perceptrons that adds two bits, giving their sum bit and carry bit:
/// perceptrons can compute anything a computer can, because NAND gates can.
/// </summary>
/// <remarks>
/// <para>Every gate is the same perceptron, <c>NAND(a, b)</c> with weights −2, −2 and bias 3:</para>
/// <code>
/// n  = NAND(x1, x2)
/// sum   = NAND(NAND(x1, n), NAND(x2, n))    // x1 XOR x2
/// carry = NAND(n, n)                        // x1 AND x2
/// </code>
/// </remarks>
public sealed class HalfAdder
{
    /// <summary>The NAND gate every node of the circuit is made of: weights −2, −2 and bias 3.</summary>
    public Perceptron Nand { get; } = new([-2, -2], bias: 3);

    /// <summary>How many NAND perceptrons the circuit uses.</summary>
    public int GateCount => 5;

    /// <summary>Adds two bits.</summary>
    /// <param name="x1">The first bit, 0 or 1.</param>
    /// <param name="x2">The second bit, 0 or 1.</param>
    /// <returns>The sum bit (x1 XOR x2) and the carry bit (x1 AND x2): <c>x1 + x2 = 2·Carry + Sum</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is not 0 or 1.</exception>
    public (int Sum, int Carry) Add(int x1, int x2)
    {
        if (x1 is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(x1), x1, "HalfAdder: the bits must be 0 or 1.");
        if (x2 is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(x2), x2, "HalfAdder: the bits must be 0 or 1.");

        int n = Gate(x1, x2);
        int sum = Gate(Gate(x1, n), Gate(x2, n));
        int carry = Gate(n, n);
        return (sum, carry);
    }

    int Gate(int a, int b) => Nand.Fire([a, b]);
}
