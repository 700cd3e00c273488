using Myelin.Cli.Display;
using Myelin.IO;
using Spectre.Console;

namespace Myelin.Cli.Commands;

/// <summary>
/// <c>myelin inspect</c>: lists what a safetensors file holds (each tensor's name, dtype, shape and size, the
/// total count) and its metadata, with a model description shown as the architecture it builds. It reads the
/// header only, so it works on any safetensors file, including ones written by PyTorch, and on large ones.
/// </summary>
/// <param name="options">The parsed settings.</param>
/// <param name="console">Where the tables go.</param>
public sealed class InspectCommand(InspectOptions options, IAnsiConsole console)
{
    /// <summary>Metadata values longer than this are shortened unless <c>--verbose</c>.</summary>
    const int MaxValueLength = 120;

    /// <summary>Describes the file; returns the exit code.</summary>
    public int Run()
    {
        options.Validate();
        string path = options.FilePath;
        if (!File.Exists(path)) throw new FileNotFoundException($"the file '{path}' does not exist.", path);
        var header = SafeTensors.ReadHeader(path);

        long elements = header.Entries.Sum(e => e.NumElements);
        console.Line($"{path}: {header.Entries.Count} tensor{(header.Entries.Count == 1 ? "" : "s")}, " +
            $"{Numbers.Count(elements)} elements, {Numbers.Count(header.DataLength)} bytes of data.");
        var tensors = Tables.Create("Tensor", "DType", "Shape", "Elements");
        foreach (var entry in header.Entries)
            tensors.AddTextRow(entry.Name, entry.DType.Code(), Shapes.Format(entry.Shape), Numbers.Count(entry.NumElements));
        console.Write(tensors);

        if (header.Metadata.TryGetValue(Model.DescriptionKey, out var description)) DescribeModel(description);

        var others = header.Metadata.Where(entry => entry.Key != Model.DescriptionKey).OrderBy(entry => entry.Key, StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            var metadata = Tables.Create("Metadata", "Value");
            metadata.Columns[1].LeftAligned();
            foreach (var (key, value) in others) metadata.AddTextRow(key, Shorten(value));
            console.Write(metadata);
        }
        else
        {
            console.Line("No metadata.");
        }
        return ExitCodes.Success;
    }

    /// <summary>Prints the architecture in PyTorch's layout and its parameter count, or why the description cannot be read.</summary>
    void DescribeModel(string json)
    {
        try
        {
            var model = ModelDescription.FromJson(json).Build(new Generator(0));
            console.Line($"Model ({Numbers.Count(model.NumParameters())} parameters):");
            console.Line(model.ToString());
        }
        catch (ModelFormatException e)
        {
            console.Line($"Model description ({Model.DescriptionKey}) cannot be read: {ErrorReport.OneLine(e.Message)}");
        }
    }

    string Shorten(string value)
    {
        string oneLine = ErrorReport.OneLine(value);
        return options.Verbose || oneLine.Length <= MaxValueLength ? oneLine
            : oneLine[..MaxValueLength] + $"… ({Numbers.Count(oneLine.Length)} characters; --verbose shows all)";
    }
}
