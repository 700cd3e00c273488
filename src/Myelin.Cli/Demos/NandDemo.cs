using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A perceptron computes NAND, and NAND perceptrons add two bits.</summary>
internal sealed class NandDemo : Demo
{
    public override string Name => "nand";

    public override string Summary => "a perceptron with weights -2, -2 and bias 3 is a NAND gate; five of them add two bits";

    public override int Run(DemoContext context)
    {
        var adder = new HalfAdder();
        Perceptron nand = adder.Nand;
        bool ok = true;

        context.Line($"A perceptron with weights {nand.Weights[0]}, {nand.Weights[1]} and bias {nand.Bias}: output 1 when -2·x1 - 2·x2 + 3 ≥ 0.");
        context.Line();
        context.Line("  x1  x2   -2·x1 - 2·x2 + 3   output   NAND");
        for (int row = 0; row < 4; row++)
        {
            int x1 = row >> 1, x2 = row & 1;
            int output = nand.Fire([x1, x2]), expected = x1 == 1 && x2 == 1 ? 0 : 1;
            ok &= output == expected;
            context.Line($"  {x1,2}  {x2,2}   {nand.WeightedSum([x1, x2]),16}   {output,6}   {expected,4}");
        }
        context.Line();
        context.Line("NAND is universal: any logic circuit can be built from it, so networks of perceptrons can compute anything.");
        context.Line($"A half adder from {adder.GateCount} NAND perceptrons: n = NAND(x1, x2), sum = NAND(NAND(x1, n), NAND(x2, n)), carry = NAND(n, n).");
        context.Line();
        context.Line("  x1  x2   sum  carry   x1 + x2 = 2·carry + sum");
        for (int row = 0; row < 4; row++)
        {
            int x1 = row >> 1, x2 = row & 1;
            var (sum, carry) = adder.Add(x1, x2);
            ok &= 2 * carry + sum == x1 + x2;
            context.Line($"  {x1,2}  {x2,2}   {sum,3}  {carry,5}   {x1 + x2} = 2·{carry} + {sum}");
        }
        return ok ? 0 : 1;
    }
}
