using System.CommandLine;

namespace Myelin.Cli.Commands;

/// <summary>The <c>inspect</c> command's argument and help, and their translation into <see cref="InspectOptions"/>.</summary>
internal static class InspectCommandLine
{
    public static Command Create(Option<bool> verbose, Func<InspectOptions, int> run)
    {
        var file = new Argument<string>("FILE") { Description = "A safetensors file: a Myelin model or checkpoint, or one written by PyTorch." };
        var command = new Command("inspect",
            "List the tensors of a safetensors file (name, dtype, shape, elements), the parameter count and the metadata, " +
            "with a Myelin model description shown as its architecture.");
        command.Arguments.Add(file);
        command.SetAction(result => run(new InspectOptions { FilePath = result.GetValue(file)!, Verbose = result.GetValue(verbose) }));
        return command;
    }
}
