using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>Per-layer gradient norms of a deep sigmoid network against the same network with ReLU.</summary>
internal sealed class VanishingGradientsDemo : Demo
{
    public override string Name => "vanishing-gradients";

    public override string Summary => "10 layers deep: sigmoid gradients shrink layer by layer, ReLU's do not";

    public override int Run(DemoContext context)
    {
        double[] sigmoid = VanishingGradients.LayerGradientNorms("sigmoid"), relu = VanishingGradients.LayerGradientNorms("relu");
        context.Line("Two networks of 10 Linear layers (width 32), identical weights (He initialisation), one batch, squared error;");
        context.Line("the only difference is the activation between the layers. Norm of each layer's weight gradient:");
        context.Line();
        context.Line("  layer    sigmoid        ReLU");
        for (int layer = 0; layer < sigmoid.Length; layer++)
            context.Line($"  {layer + 1,5}   {sigmoid[layer],9:E2}   {relu[layer],9:E2}");
        double ratio = sigmoid[0] / relu[0];
        context.Line();
        context.Line($"At layer 1 the sigmoid network's gradient is {ratio:E1} times the ReLU network's.");
        context.Line("Backpropagation multiplies by σ'(z) ≤ 0.25 at every sigmoid layer, so the signal shrinks geometrically");
        context.Line("on its way to the first layers, which then learn almost nothing. ReLU's slope is 1 wherever it is active.");
        context.Save("vanishing-gradients.svg", "the per-layer gradient norms",
            path => VanishingGradients.Chart([("sigmoid", sigmoid), ("ReLU", relu)]).Save(path));
        return ratio < 1e-2 ? 0 : 1;
    }
}
