using Myelin.NN;

namespace Myelin.Cli.Demos;

/// <summary>Softmax computed stably, and cross-entropy with class indices or one-hot targets.</summary>
internal sealed class SoftmaxDemo : Demo
{
    public override string Name => "softmax";

    public override string Summary => "softmax of [1000, 1001] without overflow; cross-entropy with class indices equals one-hot targets";

    public override int Run(DemoContext context)
    {
        double e1000 = Math.Exp(1000), e1001 = Math.Exp(1001);
        context.Line("Softmax turns scores into probabilities: softmax(z)_i = e^z_i / Σ_j e^z_j.");
        context.Line($"Naively, for z = [1000, 1001]: e^1000 = {e1000}, e^1001 = {e1001}, and ∞/∞ = {e1000 / (e1000 + e1001)}.");
        context.Line("Subtracting the largest score first changes nothing mathematically (the factor e^-max cancels)");
        context.Line("and keeps every exponent ≤ 0: softmax([1000, 1001]) = softmax([-1, 0]) = [e^-1, 1] / (1 + e^-1).");

        Tensor logits = Tensor.FromArray(new[] { 1000f, 1001f }, 1, 2);
        float[] probabilities = logits.Softmax(1).ToArray();
        double expected0 = Math.Exp(-1) / (1 + Math.Exp(-1));
        context.Line($"Tensor.Softmax gives [{probabilities[0]:F4}, {probabilities[1]:F4}]; by hand [{expected0:F4}, {1 - expected0:F4}].");

        Tensor byIndex = F.CrossEntropy(logits, Tensor.FromArray(new long[] { 1 }, 1));
        Tensor byOneHot = F.CrossEntropy(logits, Tensor.FromArray(new[] { 0f, 1f }, 1, 2));
        context.Line();
        context.Line("Cross-entropy is -log(probability of the right class). With the right class 1:");
        context.Line($"  class index target [1]:    {byIndex.Item():F6}");
        context.Line($"  one-hot target [[0, 1]]:   {byOneHot.Item():F6}");
        context.Line($"  -log({1 - expected0:F4}) = {-Math.Log(1 - expected0):F6}");

        // A small batch: three samples, three classes.
        Tensor batch = Tensor.FromArray(new float[,] { { 2, 1, 0.1f }, { 0.5f, 2.5f, 0.3f }, { -1, 0, 3 } });
        Tensor labels = Tensor.FromArray(new long[] { 0, 1, 2 }, 3);
        double batchByIndex = F.CrossEntropy(batch, labels).Item(), batchByOneHot = F.CrossEntropy(batch, labels.OneHot(3)).Item();
        context.Line($"  a batch of three samples: indices {batchByIndex:F6}, one-hot {batchByOneHot:F6}");
        context.Line("A one-hot row picks out the same single log-probability that the index does.");

        bool ok = probabilities.All(float.IsFinite) && Math.Abs(probabilities[0] - expected0) < 1e-6
            && Math.Abs(byIndex.Item() - byOneHot.Item()) < 1e-6 && Math.Abs(batchByIndex - batchByOneHot) < 1e-6;
        return ok ? 0 : 1;
    }
}
