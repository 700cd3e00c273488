using Myelin.Data;
using Myelin.NN;
using Myelin.Scalar;

namespace Myelin.Learn;

/// <summary>
/// The same network on both engines: a <see cref="ScalarMlp"/> of <see cref="Value"/>s, one object per
/// number, and a <see cref="Sequential"/> of <see cref="Linear"/> layers working on whole tensors. With
/// the same weights and the same loss they compute the same gradients — the tensor engine is the
/// scalar one with the loops moved into array operations.
/// </summary>
/// <remarks>
/// The loss is the mean hinge loss for labels ±1: <c>mean(max(0, 1 − y·score))</c>. Class labels 0 and 1
/// of a <see cref="LabeledData"/> become −1 and +1.
/// </remarks>
public static class ScalarMlpComparison
{
    /// <summary>
    /// A Float64 <see cref="Sequential"/> with the MLP's layer sizes, weights, biases and activations:
    /// neuron j of scalar layer l becomes row j of the l-th <see cref="Linear"/>'s weight and entry j of
    /// its bias. Shape: [N, inputs] → [N, outputs].
    /// </summary>
    /// <param name="mlp">The scalar network to copy.</param>
    public static Sequential ToSequential(ScalarMlp mlp)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        var model = new Sequential();
        var generator = new Generator(0);   // the initial weights are overwritten; Generator.Default stays untouched
        foreach (ScalarLayer layer in mlp.Layers)
        {
            int outputs = layer.Neurons.Count, inputs = layer.Neurons[0].Weights.Count;
            var weight = new double[outputs * inputs];
            var bias = new double[outputs];
            for (int j = 0; j < outputs; j++)
            {
                for (int i = 0; i < inputs; i++)
                    weight[j * inputs + i] = layer.Neurons[j].Weights[i].Data;
                bias[j] = layer.Neurons[j].Bias.Data;
            }
            var linear = new Linear(inputs, outputs, generator: generator, dtype: DType.Float64);
            using (Autograd.NoGrad())
            {
                linear.Weight.CopyFrom(Tensor.FromArray(weight, outputs, inputs));
                linear.Bias!.CopyFrom(Tensor.FromArray(bias, outputs));
            }
            model.Add(linear);
            Module? activation = layer.Neurons[0].Activation switch
            {
                Activation.Linear => null,
                Activation.Tanh => new Tanh(),
                Activation.Relu => new ReLU(),
                Activation.Sigmoid => new Sigmoid(),
                var other => throw new NotSupportedException($"ScalarMlpComparison: activation {other} has no tensor layer."),
            };
            if (activation is not null) model.Add(activation);
        }
        return model;
    }

    /// <summary>The mean hinge loss of the scalar MLP's first output over the data set (labels 0/1 read as −1/+1).</summary>
    /// <param name="mlp">A network with one output.</param>
    /// <param name="data">Features [N, inputs] and class labels 0 or 1 [N].</param>
    /// <exception cref="ArgumentException">
    /// The network has more than one output, the features are not [N, inputs], or a label is not 0 or 1.
    /// </exception>
    public static Value HingeLoss(ScalarMlp mlp, LabeledData data)
    {
        var (points, signs) = CheckData(mlp, data);
        Value total = new(0);
        for (int n = 0; n < points.Length; n++)
            total += (1 - signs[n] * mlp.Forward(points[n])[0]).Relu();
        return total / points.Length;
    }

    /// <summary>The same mean hinge loss on tensors. Shape: scores [N, 1], signs [N, 1] (±1) → a scalar.</summary>
    /// <param name="scores">The network's outputs.</param>
    /// <param name="signs">The labels as −1 or +1.</param>
    public static Tensor HingeLoss(Tensor scores, Tensor signs)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(signs);
        return (1 - signs * scores).ReLU().Mean();
    }

    /// <summary>
    /// Runs one backward pass on each engine from the same weights and compares every parameter's
    /// gradient.
    /// </summary>
    /// <param name="mlp">A network with one output; its gradients are overwritten.</param>
    /// <param name="data">Features [N, inputs] and class labels 0 or 1 [N].</param>
    /// <returns>Both losses and the largest difference between corresponding gradients.</returns>
    public static ScalarGradientComparison CompareGradients(ScalarMlp mlp, LabeledData data)
    {
        var (_, signs) = CheckData(mlp, data);

        mlp.ZeroGrad();
        Value scalarLoss = HingeLoss(mlp, data);
        scalarLoss.Backward();

        Sequential model = ToSequential(mlp);
        Tensor features = data.Features.To(DType.Float64);
        Tensor signTensor = Tensor.FromArray(signs, signs.Length, 1);
        Tensor tensorLoss = HingeLoss(model.Forward(features), signTensor);
        tensorLoss.Backward();

        double largest = 0;
        int compared = 0;
        var linears = model.OfType<Linear>().ToArray();
        for (int l = 0; l < linears.Length; l++)
        {
            double[] weightGrad = linears[l].Weight.Grad!.ToArray<double>();
            double[] biasGrad = linears[l].Bias!.Grad!.ToArray<double>();
            ScalarLayer layer = mlp.Layers[l];
            int inputs = layer.Neurons[0].Weights.Count;
            for (int j = 0; j < layer.Neurons.Count; j++)
            {
                for (int i = 0; i < inputs; i++)
                    largest = Math.Max(largest, Math.Abs(layer.Neurons[j].Weights[i].Grad - weightGrad[j * inputs + i]));
                largest = Math.Max(largest, Math.Abs(layer.Neurons[j].Bias.Grad - biasGrad[j]));
                compared += inputs + 1;
            }
        }
        return new ScalarGradientComparison(scalarLoss.Data, tensorLoss.Item(), largest, compared);
    }

    /// <summary>
    /// Trains the scalar MLP by plain gradient descent on the hinge loss, one full pass over the data per
    /// step, and returns the loss before each step.
    /// </summary>
    /// <param name="mlp">A network with one output.</param>
    /// <param name="data">Features [N, inputs] and class labels 0 or 1 [N].</param>
    /// <param name="steps">How many gradient-descent steps (at least one).</param>
    /// <param name="learningRate">The step size.</param>
    public static double[] Train(ScalarMlp mlp, LabeledData data, int steps, double learningRate = 0.1)
    {
        CheckData(mlp, data);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var losses = new double[steps];
        for (int step = 0; step < steps; step++)
        {
            Value loss = HingeLoss(mlp, data);
            mlp.ZeroGrad();
            loss.Backward();
            foreach (Value parameter in mlp.Parameters())
                parameter.Data -= learningRate * parameter.Grad;
            losses[step] = loss.Data;
        }
        return losses;
    }

    /// <summary>The fraction of samples whose score has the sign of their label (score &gt; 0 means class 1).</summary>
    /// <param name="mlp">A network with one output.</param>
    /// <param name="data">Features [N, inputs] and class labels 0 or 1 [N].</param>
    public static double Accuracy(ScalarMlp mlp, LabeledData data)
    {
        var (points, signs) = CheckData(mlp, data);
        int correct = 0;
        for (int n = 0; n < points.Length; n++)
            if (mlp.Forward(points[n])[0].Data > 0 == signs[n] > 0) correct++;
        return (double)correct / points.Length;
    }

    /// <summary>
    /// Reads the data set as points and ±1 signs, checking that the network has as many inputs as the
    /// data has features and a single output, and that the labels are 0 or 1.
    /// </summary>
    static (double[][] Points, double[] Signs) CheckData(ScalarMlp mlp, LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(mlp);
        ArgumentNullException.ThrowIfNull(data);
        int inputs = mlp.Layers[0].Neurons[0].Weights.Count, outputs = mlp.Layers[^1].Neurons.Count;
        if (outputs != 1)
            throw new ArgumentException($"ScalarMlpComparison: the network must have one output, it has {outputs}.", nameof(mlp));
        if (data.Features.Rank != 2 || data.Features.Size(1) != inputs)
            throw new ArgumentException(
                $"ScalarMlpComparison: expected features [N, {inputs}] for a network with {inputs} inputs, got [{string.Join(", ", data.Features.Shape)}].",
                nameof(data));
        double[] flat = data.Features.To(DType.Float64).Contiguous().ToArray<double>();
        long[] labels = data.Labels.To(DType.Int64).ToArray<long>();
        var points = new double[data.Count][];
        var signs = new double[data.Count];
        for (int n = 0; n < points.Length; n++)
        {
            if (labels[n] is not (0 or 1))
                throw new ArgumentException($"ScalarMlpComparison: label {n} is {labels[n]}; labels must be 0 or 1.", nameof(data));
            points[n] = flat.AsSpan(n * inputs, inputs).ToArray();
            signs[n] = labels[n] == 1 ? 1 : -1;
        }
        return (points, signs);
    }
}
