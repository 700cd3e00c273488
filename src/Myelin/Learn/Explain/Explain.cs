using System.Text;
using Myelin.NN;
using static Myelin.Learn.ExplainFormat;

namespace Myelin.Learn;

/// <summary>
/// Writes out what a small dense network computes: the forward pass neuron by neuron
/// (<c>(0.2 × 3) + (0.3 × 7) + 0.5 = 3.2 → σ(3.2) ≈ 0.961</c>) and as matrices (<c>z = W·x + b</c>), and the
/// backward pass as chain-rule products (<c>∂L/∂w = ∂L/∂a × σ'(z) × x</c>), checked against autograd.
/// </summary>
/// <remarks>
/// The model is a <see cref="Linear"/> layer or a <see cref="Sequential"/> of Linear layers, each followed
/// by at most one activation (Sigmoid, Tanh, ReLU, LeakyReLU, ELU, GELU, SiLU, Softplus, Step, Softmax or
/// Identity). Long layers are abridged in the text (see <see cref="ExplainOptions"/>); the structured
/// results keep every number. Activation derivatives are computed by autograd, not by formula.
/// </remarks>
/// <example>
/// <code>
/// var model = ExamNetwork.Create();
/// Console.WriteLine(Explain.Forward(model, ExamNetwork.Input()));
/// Console.WriteLine(Explain.Backward(model, ExamNetwork.Input(), Tensor.FromArray(new float[] { 1 }, 1), Losses.MSE));
/// </code>
/// </example>
public static class Explain
{
    /// <summary>
    /// Runs one example through the network and explains every layer. Nothing in the model changes.
    /// Shape: input [in] or [1, in].
    /// </summary>
    /// <param name="model">A Linear layer or a Sequential of Linear layers and activations.</param>
    /// <param name="input">One example.</param>
    /// <param name="options">How much to show; null for <see cref="ExplainOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">
    /// The model is not a dense network of supported modules, or the input is not a single example of the
    /// right size.
    /// </exception>
    public static ForwardExplanation Forward(Module model, Tensor input, ExplainOptions? options = null)
    {
        const string caller = "Explain.Forward";
        options ??= ExplainOptions.Default;
        options.Validate(caller);
        var layers = DenseLayer.Parse(model, caller);
        double[] x = ReadInput(input, layers[0].Linear.InFeatures, caller);
        int digits = options.Digits;

        var text = new StringBuilder();
        text.AppendLine($"Forward pass: {x.Length} inputs → {string.Join(" → ", layers.Select(l => l.Linear.OutFeatures))}");
        text.AppendLine($"Input x = {Vector(x, digits, options.MaxTerms)}");

        var explained = new List<LayerExplanation>();
        double[] current = x;
        using (Autograd.NoGrad())
        {
            foreach (DenseLayer layer in layers)
            {
                var explanation = ExplainLayer(layer, current, options);
                explained.Add(explanation);
                text.AppendLine();
                text.Append(explanation.Text);
                current = [.. explanation.Outputs];
            }
        }
        text.AppendLine();
        text.AppendLine($"Output: {Vector(current, digits, options.MaxNeurons)}");
        return new ForwardExplanation(x, explained, current, text.ToString());
    }

    /// <summary>
    /// Runs one example forward, computes the loss against <paramref name="target"/> and explains the
    /// gradients as chain-rule products: every weight and bias of the last layer, and for each earlier layer
    /// its first weight and bias, each compared with the value autograd computes. Nothing in the model
    /// changes (its parameters' <c>Grad</c> is not touched).
    /// Shape: input [in] or [1, in]; target as the loss expects for an output [1, out] (e.g. [out] or
    /// [1, out] values for MSE, a class index [1] for cross-entropy).
    /// </summary>
    /// <param name="model">A Linear layer or a Sequential of Linear layers and elementwise activations (not Step, whose gradient is zero, nor Softmax: put that in the loss).</param>
    /// <param name="input">One example.</param>
    /// <param name="target">The wanted output.</param>
    /// <param name="loss">The loss, e.g. <see cref="Losses.MSE"/>.</param>
    /// <param name="options">How much to show; null for <see cref="ExplainOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">
    /// The model is not a supported dense network, the input is not one example of the right size, or the
    /// loss rejects the target.
    /// </exception>
    public static BackwardExplanation Backward(Module model, Tensor input, Tensor target, Loss loss, ExplainOptions? options = null)
    {
        const string caller = "Explain.Backward";
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(loss);
        options ??= ExplainOptions.Default;
        options.Validate(caller);
        var layers = DenseLayer.Parse(model, caller);
        foreach (DenseLayer layer in layers)
        {
            if (layer.Activation is Step)
                throw new ArgumentException(
                    $"{caller}: layer {layer.Number} uses Step, whose slope is zero everywhere, so no gradient flows through it; use Sigmoid to train by gradient descent.",
                    nameof(model));
            if (!layer.HasElementwiseActivation)
                throw new ArgumentException(
                    $"{caller}: layer {layer.Number} ends with {layer.Activation!.GetType().Name}, which mixes the neurons' values; explain the network without it and put it in the loss (CrossEntropyLoss takes the logits).",
                    nameof(model));
        }
        double[] x = ReadInput(input, layers[0].Linear.InFeatures, caller);
        int digits = options.Digits;
        DType dtype = layers[0].Linear.Weight.DType;

        // Forward with the graph recorded, keeping every layer's input and weighted sums z.
        var zs = new List<Tensor>();
        Tensor current = Tensor.FromArray(x, 1, x.Length).To(dtype);
        var layerInputs = new List<double[]>();
        foreach (DenseLayer layer in layers)
        {
            layerInputs.Add(current.To(DType.Float64).ToArray<double>());
            Tensor z = layer.Linear.Forward(current);
            Tensor a = layer.Activation is null ? z : layer.Activation.Forward(z);
            zs.Add(z);
            current = a;
        }
        Tensor output = current;
        Tensor lossValue = loss.Forward(output, ShapeTarget(target, output, loss, caller));

        // Autograd's answers, returned rather than stored, so the model's Grad stays as it was.
        var parameters = layers.SelectMany(l => l.Linear.Bias is null ? [l.Linear.Weight] : new[] { l.Linear.Weight, l.Linear.Bias }).ToList();
        Tensor?[] grads = Autograd.Grad([lossValue], [output, .. parameters], allowUnused: true);
        double[] outputGradient = grads[0]?.To(DType.Float64).ToArray<double>() ?? new double[output.NumElements];
        var autogradOf = new Dictionary<Tensor, double[]>(ReferenceEqualityComparer.Instance);
        for (int p = 0; p < parameters.Count; p++)
            autogradOf[parameters[p]] = grads[p + 1]?.To(DType.Float64).ToArray<double>() ?? new double[parameters[p].NumElements];

        double[] yHat = output.To(DType.Float64).ToArray<double>();
        var text = new StringBuilder();
        text.AppendLine($"Backward pass with {loss.Name}: L = {Number(lossValue.Item(), digits)}");
        text.AppendLine($"  output ŷ = {Vector(yHat, digits, options.MaxNeurons)}, target y = {Vector(target.To(DType.Float64).ToArray<double>(), digits, options.MaxNeurons)}");
        text.AppendLine($"  ∂L/∂ŷ = {Vector(outputGradient, digits, options.MaxNeurons)}{LossFormula(loss, yHat.Length)}");

        // Walk back: ∂L/∂a of the last layer is ∂L/∂ŷ; δ = ∂L/∂a × f'(z); ∂L/∂a of the layer before is Wᵀ·δ.
        var deltas = new double[layers.Count][];
        var explained = new List<GradientExplanation>();
        var sections = new List<string>();
        double[] dLda = outputGradient;
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            DenseLayer layer = layers[l];
            double[] slope = ActivationSlope(layer, zs[l]);
            double[] inputsToLayer = layerInputs[l];
            int outputs = layer.Linear.OutFeatures, inputs = layer.Linear.InFeatures;
            deltas[l] = new double[outputs];
            for (int j = 0; j < outputs; j++) deltas[l][j] = dLda[j] * slope[j];

            var section = new StringBuilder();
            section.AppendLine();
            section.AppendLine($"Layer {layer.Number} ({layer.Description}){(l == layers.Count - 1 ? ", the output layer" : "")}:");
            if (l < layers.Count - 1)
                section.Append(ExplainHiddenUpstream(layers[l + 1], deltas[l + 1], dLda, options));
            section.AppendLine($"  δ = ∂L/∂z = ∂L/∂a × {Derivative(layer)}:");
            foreach (int j in Abridge(outputs, options.MaxNeurons))
                section.AppendLine(j < 0
                    ? $"    … ({Hidden(outputs, options.MaxNeurons)} more neurons)"
                    : $"    δ{j + 1} = {Number(dLda[j], digits)} × {Number(slope[j], digits)} {Shown(deltas[l][j], digits)}");

            // Which parameters to write out: all of the last layer's (abridged), the first of each earlier layer's.
            bool isLast = l == layers.Count - 1;
            int[] neurons = isLast ? Abridge(outputs, options.MaxNeurons) : [0];
            int[] weightsShown = isLast ? Abridge(inputs, options.MaxTerms) : [0];
            double[] weightGrad = autogradOf[layer.Linear.Weight];
            foreach (int j in neurons)
            {
                if (j < 0) { section.AppendLine("    …"); continue; }
                foreach (int i in weightsShown)
                {
                    if (i < 0) { section.AppendLine("    …"); continue; }
                    string inputSymbol = l == 0 ? $"x{i + 1}" : $"a{i + 1} of layer {l}";
                    var factors = ChainFactors(layer, j, dLda[j], slope[j], new ChainFactor(inputSymbol, inputsToLayer[i]));
                    var gradient = Describe(layer.ParameterName("weight") + $"[{j}, {i}]", layer.Number, factors, weightGrad[j * inputs + i], digits);
                    explained.Add(gradient);
                    section.AppendLine("    " + gradient.Text);
                }
                if (layer.Linear.Bias is { } bias)
                {
                    var factors = ChainFactors(layer, j, dLda[j], slope[j], new ChainFactor("1", 1));
                    var gradient = Describe(layer.ParameterName("bias") + $"[{j}]", layer.Number, factors, autogradOf[bias][j], digits);
                    explained.Add(gradient);
                    section.AppendLine("    " + gradient.Text);
                }
            }
            sections.Add(section.ToString());

            // ∂L/∂a for the layer before: each of its neurons feeds every neuron here, so sum over them.
            if (l > 0)
            {
                double[] weights = layer.Linear.Weight.To(DType.Float64).ToArray<double>();
                var previous = new double[inputs];
                for (int i = 0; i < inputs; i++)
                    for (int j = 0; j < outputs; j++)
                        previous[i] += weights[j * inputs + i] * deltas[l][j];
                dLda = previous;
            }
        }
        foreach (string section in sections) text.Append(section);
        return new BackwardExplanation(lossValue.Item(), yHat, outputGradient, deltas, explained, text.ToString());
    }

    static LayerExplanation ExplainLayer(DenseLayer layer, double[] inputs, ExplainOptions options)
    {
        int digits = options.Digits;
        Linear linear = layer.Linear;
        int outputs = linear.OutFeatures, count = linear.InFeatures;
        double[] w = linear.Weight.To(DType.Float64).ToArray<double>();
        double[] b = linear.Bias?.To(DType.Float64).ToArray<double>() ?? new double[outputs];
        DType dtype = linear.Weight.DType;

        // The layer's own modules compute the numbers, so the explanation shows what the model computes.
        Tensor z = linear.Forward(Tensor.FromArray(inputs, 1, count).To(dtype));
        Tensor a = layer.Activation is null ? z : layer.Activation.Forward(z);
        double[] sums = z.To(DType.Float64).ToArray<double>();
        double[] outs = a.To(DType.Float64).ToArray<double>();

        var neurons = new List<NeuronExplanation>();
        var weightRows = new List<IReadOnlyList<double>>();
        for (int j = 0; j < outputs; j++)
        {
            double[] row = w.AsSpan(j * count, count).ToArray();
            weightRows.Add(row);
            var terms = Abridge(count, options.MaxTerms).Select(i => i < 0 ? "…" : $"({Number(row[i], digits)} × {Number(inputs[i], digits)})");
            string sum = string.Join(" + ", terms);
            if (linear.Bias is not null)
                sum += b[j] < 0 ? $" - {Number(-b[j], digits)}" : $" + {Number(b[j], digits)}";
            sum += " " + Shown(sums[j], digits);
            if (layer.Symbol.Length > 0 && layer.HasElementwiseActivation)
                sum += $" → {layer.Symbol}({Number(sums[j], digits)}) {Shown(outs[j], digits)}";
            neurons.Add(new NeuronExplanation(j, row, inputs, b[j], sums[j], outs[j], sum));
        }

        var text = new StringBuilder();
        text.AppendLine($"Layer {layer.Number}: {layer.Description}");
        foreach (int j in Abridge(outputs, options.MaxNeurons))
            text.AppendLine(j < 0
                ? $"  … ({Hidden(outputs, options.MaxNeurons)} more neurons)"
                : $"  neuron {j + 1}: {neurons[j].Text}");
        if (!layer.HasElementwiseActivation)
            text.AppendLine($"  {layer.Symbol}(z) = {Vector(outs, digits, options.MaxNeurons)}  (each output depends on every z)");

        if (options.ShowMatrices)
        {
            string activation = layer.Symbol.Length == 0 ? "" : $", then a = {layer.Symbol}(z)";
            text.AppendLine($"  As matrices: z = W·x + b{activation}. W is [{outputs} × {count}]: " +
                $"{outputs} neuron{(outputs == 1 ? "" : "s")} in this layer × {count} in the previous one (one row per neuron, one column per input).");
            var matrix = new double[outputs, count];
            for (int j = 0; j < outputs; j++)
                for (int i = 0; i < count; i++) matrix[j, i] = w[j * count + i];
            List<string[]> blocks =
            [
                ["z ="], Matrix(matrix, digits, options.MaxNeurons, options.MaxTerms), ["·"], Column(inputs, digits, options.MaxTerms),
            ];
            if (linear.Bias is not null) { blocks.Add(["+"]); blocks.Add(Column(b, digits, options.MaxNeurons)); }
            blocks.Add(["="]);
            blocks.Add(Column(sums, digits, options.MaxNeurons));
            foreach (string line in SideBySide(blocks)) text.AppendLine("    " + line);
            if (layer.Symbol.Length > 0)
                text.AppendLine($"    a = {layer.Symbol}(z) = {Vector(outs, digits, options.MaxNeurons)}");
        }
        return new LayerExplanation(layer.Number, layer.Description, inputs, weightRows, b, sums, outs, neurons, text.ToString());
    }

    // ∂L/∂a of a hidden layer, written as the sum over the next layer's neurons: Σₖ w[k, j]·δₖ.
    static string ExplainHiddenUpstream(DenseLayer next, double[] nextDeltas, double[] dLda, ExplainOptions options)
    {
        int digits = options.Digits;
        int outputs = next.Linear.OutFeatures, inputs = next.Linear.InFeatures;
        double[] weights = next.Linear.Weight.To(DType.Float64).ToArray<double>();
        var text = new StringBuilder();
        text.AppendLine($"  ∂L/∂a = Wᵀ·δ of layer {next.Number}: each neuron here feeds every neuron there, so its gradient is a sum:");
        foreach (int j in Abridge(inputs, options.MaxNeurons))
        {
            if (j < 0) { text.AppendLine("    …"); continue; }
            var terms = Abridge(outputs, options.MaxTerms)
                .Select(k => k < 0 ? "…" : $"({Number(weights[k * inputs + j], digits)} × {Number(nextDeltas[k], digits)})");
            text.AppendLine($"    ∂L/∂a{j + 1} = {string.Join(" + ", terms)} {Shown(dLda[j], digits)}");
        }
        return text.ToString();
    }

    static GradientExplanation Describe(string parameter, int layer, List<ChainFactor> factors, double autograd, int digits)
    {
        double product = factors.Aggregate(1.0, (p, f) => p * f.Value);
        string text = $"∂L/∂{parameter} = {string.Join(" × ", factors.Select(f => f.Symbol))}" +
            $" = {string.Join(" × ", factors.Select(f => Number(f.Value, digits)))} {Shown(product, digits)}" +
            $"   (autograd: {Number(autograd, digits)})";
        return new GradientExplanation(parameter, layer, factors, product, autograd, text);
    }

    // ∂L/∂a × f'(z) × (what the parameter multiplies); without an activation f'(z) = 1 is left out.
    static List<ChainFactor> ChainFactors(DenseLayer layer, int neuron, double dLda, double slope, ChainFactor last)
    {
        var factors = new List<ChainFactor> { new($"∂L/∂a{neuron + 1}", dLda) };
        if (layer.Symbol.Length > 0) factors.Add(new($"{layer.Symbol}'(z{neuron + 1})", slope));
        factors.Add(last);
        return factors;
    }

    // How many items Abridge leaves out of a list of count items.
    static int Hidden(int count, int max) => count - (Abridge(count, max).Length - 1);

    static string Derivative(DenseLayer layer) => layer.Symbol.Length == 0 ? "1 (no activation)" : $"{layer.Symbol}'(z)";

    // f'(z) for each neuron, by autograd: the activation of a fresh leaf, summed, differentiated.
    static double[] ActivationSlope(DenseLayer layer, Tensor z)
    {
        if (layer.Activation is null or Identity) return Enumerable.Repeat(1.0, z.NumElements).ToArray();
        Tensor leaf = z.Detach().Clone().RequireGrad();
        Tensor slope = Autograd.Grad(layer.Activation.Forward(leaf).Sum(), leaf);
        return slope.To(DType.Float64).ToArray<double>();
    }

    static string LossFormula(Loss loss, int outputs) => loss is MSELoss { Reduction: Reduction.Mean }
        ? $"   (for MSE: 2(ŷ − y)/{outputs})"
        : "   (from the loss, by autograd)";

    static Tensor ShapeTarget(Tensor target, Tensor output, Loss loss, string caller)
    {
        // Values for every output are laid out like the output; a class index stays [1].
        if (target.DType.IsFloatingPoint() && target.NumElements == output.NumElements)
            return target.Reshape([.. output.Shape]);
        if (!target.DType.IsFloatingPoint() && target.NumElements == 1)
            return target.Reshape(1);
        throw new ArgumentException(
            $"{caller}: the target {Shape(target.Shape)} ({target.DType}) does not fit the output {Shape(output.Shape)} for {loss.Name}: " +
            $"give {output.NumElements} value(s) for a regression loss or one class index for a classification loss.", nameof(target));
    }

    static double[] ReadInput(Tensor input, int features, string caller)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool single = input.Rank == 1 || (input.Rank == 2 && input.Size(0) == 1);
        if (!single || input.Size(-1) != features)
            throw new ArgumentException(
                $"{caller}: expected one example of {features} input{(features == 1 ? "" : "s")}, shape [{features}] or [1, {features}], got {Shape(input.Shape)}.",
                nameof(input));
        if (!input.DType.IsFloatingPoint() && input.DType != DType.Int64 && input.DType != DType.Int32)
            throw new ArgumentException($"{caller}: the input must be numeric, got {input.DType}.", nameof(input));
        return input.To(DType.Float64).Contiguous().ToArray<double>();
    }
}
