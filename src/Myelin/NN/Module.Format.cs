using System.Globalization;
using System.Text;

namespace Myelin.NN;

public abstract partial class Module
{
    /// <summary>
    /// The module's settings as shown between the parentheses of <see cref="ToString"/>, e.g.
    /// "in_features=64, out_features=32, bias=True" for a Linear layer. Empty by default.
    /// </summary>
    public virtual string ExtraRepr() => "";

    /// <summary>
    /// The module tree in PyTorch's format, e.g.
    /// <code>
    /// Sequential(
    ///   (0): Linear(in_features=64, out_features=32, bias=True)
    ///   (1): ReLU()
    /// )
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var extra = ExtraRepr();
        var extraLines = extra.Length == 0 ? [] : extra.Split('\n');
        var childLines = children.Select(c => $"({c.Key}): {Indent(c.Value.ToString(), 2)}").ToList();
        var text = new StringBuilder(GetType().Name).Append('(');
        if (extraLines.Length == 1 && childLines.Count == 0)
            text.Append(extraLines[0]);
        else if (extraLines.Length + childLines.Count > 0)
            text.Append("\n  ").Append(string.Join("\n  ", extraLines.Concat(childLines))).Append('\n');
        return text.Append(')').ToString();

        // Indents every line but the first, which follows the "(name): " label.
        static string Indent(string block, int spaces) =>
            block.Replace("\n", "\n" + new string(' ', spaces));
    }

    [ThreadStatic] static Dictionary<Module, int[]>? outputShapeTrace;

    /// <summary>
    /// Returns <paramref name="output"/> unchanged. While <see cref="Summary(Tensor)"/> runs it also notes
    /// the output's shape for this module's row. The built-in layers call it at the end of
    /// <see cref="Forward"/>; a custom module may do the same (<c>return RecordOutput(x);</c>) to have
    /// its own output shape shown.
    /// </summary>
    protected Tensor RecordOutput(Tensor output) => RecordOutput(this, output);

    /// <summary>Notes <paramref name="module"/>'s output shape while a summary runs; containers use it for their children.</summary>
    internal static Tensor RecordOutput(Module module, Tensor output)
    {
        if (outputShapeTrace is { } trace && output is not null)
            trace.TryAdd(module, [.. output.Shape]);
        return output!;
    }

    /// <summary>
    /// A table of every layer below this module: its name and type, the shape of its output for a zero
    /// input of shape <paramref name="inputShape"/> (in the dtype of the first parameter), and its number
    /// of parameters, with totals. See <see cref="Summary(Tensor)"/>.
    /// </summary>
    public string Summary(params int[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var dtype = Parameters().Select(p => p.DType).DefaultIfEmpty(DType.Float32).First();
        return Summary(Tensor.Zeros(inputShape, dtype));
    }

    /// <summary>
    /// A table of every layer below this module: its name and type, the shape of its output when the
    /// module runs on <paramref name="sampleInput"/>, and its own number of parameters, followed by the
    /// totals (all, trainable, non-trainable).
    /// </summary>
    /// <remarks>
    /// The sample forward pass runs in evaluation mode under <see cref="Autograd.NoGrad"/>, so
    /// running statistics do not change; the previous modes are restored afterwards. Output shapes are
    /// shown for the built-in layers and for every module inside a <see cref="Sequential"/>; another
    /// custom module's row shows "-" unless its <see cref="Forward"/> ends with <see cref="RecordOutput(Tensor)"/>.
    /// </remarks>
    public string Summary(Tensor sampleInput)
    {
        ArgumentNullException.ThrowIfNull(sampleInput);
        var modes = Modules().Select(m => (Module: m, m.IsTraining)).ToList();
        var trace = new Dictionary<Module, int[]>(ReferenceEqualityComparer.Instance);
        var previousTrace = outputShapeTrace;
        Tensor output;
        try
        {
            outputShapeTrace = trace;
            Eval();
            using (Autograd.NoGrad()) output = Forward(sampleInput);
        }
        finally
        {
            outputShapeTrace = previousTrace;
            foreach (var (module, training) in modes) module.IsTraining = training;
        }

        var rows = new List<(string Layer, string Shape, string Count)>();
        var modules = NamedModules().ToList();
        foreach (var (name, module) in modules.Count == 1 ? modules : modules.Skip(1))
        {
            string label = name.Length == 0 ? module.GetType().Name : $"{name} ({module.GetType().Name})";
            string shape = trace.TryGetValue(module, out var s) ? FormatShape(s) : "-";
            long own = module.parameters.Values.Sum(p => (long)p.NumElements);
            rows.Add((label, shape, Count(own)));
        }

        const string layerHeader = "Layer (type)", shapeHeader = "Output shape", countHeader = "Param #";
        int layerWidth = Math.Max(layerHeader.Length, rows.Max(r => r.Layer.Length)) + 2;
        int shapeWidth = Math.Max(shapeHeader.Length, rows.Max(r => r.Shape.Length)) + 2;
        int countWidth = Math.Max(countHeader.Length, rows.Max(r => r.Count.Length));
        var rule = new string('=', layerWidth + shapeWidth + countWidth);

        var all = Parameters().ToList();
        long total = all.Sum(p => (long)p.NumElements);
        long trainable = all.Where(p => p.RequiresGrad).Sum(p => (long)p.NumElements);

        var text = new StringBuilder();
        text.Append(GetType().Name).Append(" summary, input ").Append(FormatShape(sampleInput.Shape))
            .Append(' ').Append(sampleInput.DType).Append('\n');
        text.Append(layerHeader.PadRight(layerWidth)).Append(shapeHeader.PadRight(shapeWidth)).Append(countHeader.PadLeft(countWidth)).Append('\n');
        text.Append(rule).Append('\n');
        foreach (var (layer, shape, count) in rows)
            text.Append(layer.PadRight(layerWidth)).Append(shape.PadRight(shapeWidth)).Append(count.PadLeft(countWidth)).Append('\n');
        text.Append(rule).Append('\n');
        text.Append("Output shape: ").Append(FormatShape(output.Shape)).Append('\n');
        text.Append("Total params: ").Append(Count(total)).Append('\n');
        text.Append("Trainable params: ").Append(Count(trainable)).Append('\n');
        text.Append("Non-trainable params: ").Append(Count(total - trainable)).Append('\n');
        return text.ToString();

        static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
    }
}
