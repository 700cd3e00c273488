using System.Diagnostics;
using Myelin;

namespace Myelin.Cli;

/// <summary>
/// Trains a 2-8-1 network on XOR with nothing but tensors, autograd and a hand-written
/// gradient-descent step: the smallest problem a single perceptron cannot solve.
/// </summary>
internal static class XorDemo
{
    public static int Run(TextWriter output)
    {
        var generator = new Generator(42);
        var inputs = Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });
        var targets = Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });

        // Weights [in, out] drawn uniformly in ±1/√fan_in, biases zero.
        var w1 = Tensor.Uniform([2, 8], -0.7, 0.7, generator).RequireGrad();
        var b1 = Tensor.Zeros(8).RequireGrad();
        var w2 = Tensor.Uniform([8, 1], -0.35, 0.35, generator).RequireGrad();
        var b2 = Tensor.Zeros(1).RequireGrad();
        Tensor[] parameters = [w1, b1, w2, b2];
        const double learningRate = 0.5;
        const int epochs = 2000;

        output.WriteLine("Training a 2-8-1 tanh/sigmoid network on XOR with plain gradient descent (lr 0.5).");
        var clock = Stopwatch.StartNew();
        Tensor Forward(Tensor x) => (x.MatMul(w1) + b1).Tanh().MatMul(w2).Add(b2).Sigmoid();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var loss = (Forward(inputs) - targets).Square().Mean();
            loss.Backward();
            using (Autograd.NoGrad())
            {
                foreach (var parameter in parameters)
                {
                    parameter.AddInPlace(parameter.Grad!, -learningRate);
                    parameter.Grad = null;
                }
            }
            if (epoch == 1 || epoch % 400 == 0)
                output.WriteLine($"epoch {epoch,5}  loss {loss.Item():F6}");
        }

        Tensor predictions;
        using (Autograd.NoGrad()) predictions = Forward(inputs);
        var p = predictions.ToArray();
        var t = targets.ToArray();
        int correct = 0;
        output.WriteLine();
        output.WriteLine("  x1  x2  target  output");
        for (int i = 0; i < 4; i++)
        {
            var x = inputs[i].ToArray();
            output.WriteLine($"  {x[0],2}  {x[1],2}  {t[i],6}  {p[i],6:F3}");
            if ((p[i] >= 0.5f) == (t[i] >= 0.5f)) correct++;
        }
        output.WriteLine();
        output.WriteLine($"accuracy {correct}/4 in {clock.Elapsed.TotalSeconds:F2} s");
        return correct == 4 ? 0 : 1;
    }
}
