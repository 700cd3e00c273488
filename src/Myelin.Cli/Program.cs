using Myelin;

namespace Myelin.Cli;

/// <summary>The <c>myelin</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Entry point: <c>myelin train</c> runs the demo training job.</summary>
    public static int Main(string[] args)
    {
        string command = args.Length > 0 ? args[0] : "help";
        switch (command)
        {
            case "train":
                return XorDemo.Run(Console.Out);
            case "help" or "--help" or "-h":
                Console.WriteLine("usage: myelin train    train a small network on XOR with the autograd engine");
                return 0;
            default:
                Console.Error.WriteLine($"myelin: unknown command '{command}'. Run 'myelin help' for the list of commands.");
                return 2;
        }
    }
}
