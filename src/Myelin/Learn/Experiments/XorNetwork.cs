using Myelin.NN;
using Myelin.Optim;

namespace Myelin.Learn;

/// <summary>
/// XOR, the function no single perceptron can compute, learned by a two-layer network of sigmoid
/// neurons with the tensor engine: <c>Sequential(Linear(2, 4), Sigmoid(), Linear(4, 1), Sigmoid())</c>,
/// binary cross-entropy, plain full-batch gradient descent.
/// </summary>
public static class XorNetwork
{
    /// <summary>The four inputs of the XOR truth table, [4, 2]: (0,0), (0,1), (1,0), (1,1).</summary>
    public static Tensor Inputs() => Tensor.FromArray(new float[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } });

    /// <summary>The XOR of each input row, [4, 1]: 0, 1, 1, 0.</summary>
    public static Tensor Targets() => Tensor.FromArray(new float[,] { { 0 }, { 1 }, { 1 }, { 0 } });

    /// <summary>Trains a fresh network and returns it with its loss curve and final outputs.</summary>
    /// <param name="seed">Seeds the initial weights.</param>
    /// <param name="epochs">How many full-batch steps.</param>
    /// <param name="learningRate">The gradient-descent step size.</param>
    public static (Sequential Model, double[] Losses, float[] Outputs) Train(ulong seed = 1, int epochs = 2000, double learningRate = 2.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(2, 4, generator: generator), new Sigmoid(), new Linear(4, 1, generator: generator), new Sigmoid());
        double[] losses = FullBatch.Train(model, Inputs(), Targets(), (a, y) => F.BCELoss(a, y), new SGD(model.Parameters(), learningRate), epochs);
        float[] outputs;
        using (Autograd.NoGrad()) outputs = model.Forward(Inputs()).ToArray();
        return (model, losses, outputs);
    }
}
