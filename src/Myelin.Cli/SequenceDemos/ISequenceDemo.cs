namespace Myelin.Cli.SequenceDemos;

/// <summary>One runnable sequence-model demo.</summary>
internal interface ISequenceDemo
{
    /// <summary>The name on the command line, e.g. "char-lstm".</summary>
    string Name { get; }

    /// <summary>One line saying what it shows.</summary>
    string Summary { get; }

    /// <summary>The options it accepts (besides --help).</summary>
    IReadOnlyList<DemoOption> Options { get; }

    /// <summary>Runs the demo, writing what happens to <paramref name="output"/>; returns the exit code.</summary>
    int Run(DemoOptions options, TextWriter output);
}
