using Myelin.Learn;

namespace Myelin.Cli.Demos;

/// <summary>Rosenblatt's rule learns AND and OR, never XOR; a two-layer sigmoid network learns XOR.</summary>
internal sealed class PerceptronLearningDemo : Demo
{
    public override string Name => "perceptron-learning";

    public override string Summary => "the perceptron learning rule learns AND and OR, fails on XOR; two sigmoid layers learn XOR";

    public override int Run(DemoContext context)
    {
        double[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
        var functions = new (string Name, int[] Targets)[] { ("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("XOR", [0, 1, 1, 0]) };

        context.Line("Rosenblatt's rule: after each example, w += η·(target − output)·x and b += η·(target − output).");
        context.Line("Start from w = [0, 0], b = 0, η = 1, at most 50 passes (epochs) over the four examples.");
        context.Line();
        bool ok = true;
        foreach (var (name, targets) in functions)
        {
            var perceptron = new Perceptron([0, 0], bias: 0);
            PerceptronTrainingReport report = perceptron.Train(inputs, targets, learningRate: 1, maxEpochs: 50);
            context.Line($"{name}: {report}");
            context.Line($"  learned {perceptron}; outputs {string.Join(" ", inputs.Select(x => perceptron.Fire(x)))} (targets {string.Join(" ", targets)})");
            ok &= report.Converged == (name != "XOR");
        }
        context.Line();
        context.Line("XOR never converges: no single straight line separates (0,1) and (1,0) from (0,0) and (1,1),");
        context.Line("so some example is always wrong and the rule keeps correcting forever.");
        context.Line();

        context.Line("Two layers fix it. A 2-4-1 network of sigmoid neurons, trained by gradient descent (tensor engine, binary cross-entropy):");
        var (_, losses, outputs) = XorNetwork.Train();
        foreach (int epoch in new[] { 0, 100, 500, 1000, losses.Length - 1 })
            context.Line($"  epoch {epoch + 1,5}  loss {losses[epoch]:F4}");
        context.Line("  x1  x2  target  output");
        int[] xor = functions[2].Targets;
        for (int i = 0; i < 4; i++)
        {
            context.Line($"  {inputs[i][0],2}  {inputs[i][1],2}  {xor[i],6}  {outputs[i],6:F3}");
            ok &= outputs[i] > 0.5 == (xor[i] == 1);
        }
        context.Line(ok ? "The hidden layer learns features (like OR and NAND) that make XOR separable for the output neuron." : "Unexpected result.");
        return ok ? 0 : 1;
    }
}
