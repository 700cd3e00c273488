using Myelin.Learn;
using Myelin.Scalar;

namespace Myelin.Cli.Demos;

/// <summary>Backpropagation through one tanh neuron of scalar Values.</summary>
internal sealed class TanhNeuronDemo : Demo
{
    public override string Name => "tanh-neuron";

    public override string Summary => "backpropagation through one tanh neuron: o = tanh(x1·w1 + x2·w2 + b) ≈ 0.7071";

    public override int Run(DemoContext context)
    {
        TanhNeuronExample neuron = TanhNeuronExample.Build();
        context.Line($"x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = {TanhNeuronExample.BiasValue}");
        context.Line($"n = x1·w1 + x2·w2 + b = {neuron.N.Data:F4}");
        context.Line($"o = tanh(n) = {neuron.O.Data:F4}");
        context.Line();
        context.Line($"Backward: do/dn = 1 − o² = {1 - neuron.O.Data * neuron.O.Data:F4}; each product passes it on times the other factor.");
        context.Line("  value      data     grad   why");
        string[] why = ["w1 · do/dn", "w2 · do/dn", "x1 · do/dn", "x2 · do/dn: x2 = 0, so w2 cannot matter", "do/dn"];
        for (int i = 0; i < neuron.Leaves.Count; i++)
        {
            Value v = neuron.Leaves[i];
            context.Line($"  {v.Label,5}  {v.Data,8:F4}  {v.Grad,7:F4}   {why[i]}");
        }
        bool ok = Math.Abs(neuron.O.Data - 0.7071) < 1e-4 && Math.Abs(neuron.X1.Grad + 1.5) < 1e-9 && Math.Abs(neuron.W1.Grad - 1.0) < 1e-9
            && Math.Abs(neuron.X2.Grad - 0.5) < 1e-9 && neuron.W2.Grad == 0;
        context.Line();
        context.Line("Reading the gradients: increasing w1 raises the output (grad +1), increasing x1 lowers it (grad -1.5).");
        if (context.OutDirectory is not null)
            context.Save("tanh-neuron.dot", "the graph (Graphviz DOT)", path => File.WriteAllText(path, neuron.O.ToDot()));
        return ok ? 0 : 1;
    }
}
