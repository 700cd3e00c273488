using Myelin.IO;
using Myelin.NN;

namespace Myelin.Cli.Modeling;

/// <summary>Builds the network <c>train</c> fits: a multilayer perceptron from <c>--layers</c>, or a model description from <c>--model-json</c>.</summary>
internal static class ModelFactory
{
    /// <summary>
    /// A multilayer perceptron: Linear(inputs, h₁), activation, …, Linear(h_last, outputs), with the
    /// initial weights drawn from <paramref name="generator"/>.
    /// </summary>
    /// <remarks>Shape: [N, inputs] → [N, outputs].</remarks>
    public static Sequential Mlp(int inputs, IReadOnlyList<int> hiddenSizes, string activation, int outputs, Generator generator)
    {
        var model = new Sequential();
        int width = inputs;
        foreach (int hidden in hiddenSizes)
        {
            model.Add(new Linear(width, hidden, generator: generator));
            model.Add(ActivationNames.Create(activation));
            width = hidden;
        }
        model.Add(new Linear(width, outputs, generator: generator));
        return model;
    }

    /// <summary>
    /// The model described in the JSON file <paramref name="path"/>, with fresh weights from <paramref name="generator"/>,
    /// checked by one forward pass on <paramref name="sample"/>: it must turn [N, F] into [N, outputs].
    /// </summary>
    /// <exception cref="CliException">The file is missing, or the model does not fit the data.</exception>
    /// <exception cref="ModelFormatException">The description is malformed (the message names the place).</exception>
    public static Module FromJsonFile(string path, Tensor sample, int outputs, Generator generator)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"the model description '{path}' does not exist.", path);
        Module model;
        try
        {
            model = ModelDescription.FromJson(File.ReadAllText(path)).Build(generator);
        }
        catch (ModelFormatException e)
        {
            throw new CliException($"{path}: {e.Message}", e);
        }

        Tensor output;
        try
        {
            // In evaluation mode, so the check leaves batch-normalisation statistics as they were built.
            model.Eval();
            using (Autograd.NoGrad()) output = model.Forward(sample);
            model.Train();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException(
                $"{path}: the model does not accept the data's features {Shapes.Format(sample.Shape)}: {ErrorReport.OneLine(e.Message)}", e);
        }
        bool fits = output.Rank == 2 && output.Shape[0] == sample.Shape[0] && output.Shape[1] == outputs;
        if (!fits)
            throw new CliException(
                $"{path}: the model turns features {Shapes.Format(sample.Shape)} into {Shapes.Format(output.Shape)}, but the data needs outputs [{sample.Shape[0]}, {outputs}].");
        return model;
    }
}
