using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>A perceptron weighs evidence: the favourite sweet decides, whatever the other two inputs say.</summary>
internal sealed class SweetsDemo : Demo
{
    public override string Name => "sweets";

    public override string Summary => "a perceptron weighs three yes/no inputs (weights 2, 6, 2; threshold 5)";

    public override int Run(DemoContext context)
    {
        var perceptron = Perceptron.FromThreshold([2, 6, 2], threshold: 5);
        string[] inputs = ["x1: a friend comes along", "x2: the shop has my favourite sweet", "x3: the sun is shining"];

        context.Line("Should I walk to the sweet shop? A perceptron decides from three yes/no inputs:");
        for (int i = 0; i < inputs.Length; i++)
            context.Line($"  {inputs[i],-38} weight {perceptron.Weights[i]}");
        context.Line($"It fires (output 1) when the weighted sum reaches the threshold {perceptron.Threshold}.");
        context.Line();
        context.Line("  x1  x2  x3   2·x1 + 6·x2 + 2·x3   ≥ 5?   output");

        bool favouriteDecides = true;
        for (int row = 0; row < 8; row++)
        {
            double[] x = [row >> 2 & 1, row >> 1 & 1, row & 1];
            double sum = perceptron.WeightedSum(x) + perceptron.Threshold;   // w·x alone, without the bias
            int output = perceptron.Fire(x);
            favouriteDecides &= output == (int)x[1];
            context.Line($"  {x[0],2}  {x[1],2}  {x[2],2}   {sum,18}   {(output == 1 ? "yes" : "no"),4}   {output,6}");
        }
        context.Line();
        context.Line(favouriteDecides
            ? "The output equals x2 in every row: the favourite sweet (weight 6) clears the threshold on its own,\n" +
              "while a friend and sunshine together (2 + 2 = 4) do not. A weight says how much an input matters."
            : "Unexpected: the output does not follow x2.");
        return favouriteDecides ? 0 : 1;
    }
}
