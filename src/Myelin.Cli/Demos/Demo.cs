namespace Myelin.Cli.Demos;

/// <summary>One runnable demonstration of a textbook idea.</summary>
internal abstract class Demo
{
    /// <summary>The name on the command line, e.g. <c>chain-rule</c>.</summary>
    public abstract string Name { get; }

    /// <summary>What the demo shows, in one line.</summary>
    public abstract string Summary { get; }

    /// <summary>The options this demo takes besides <c>--out DIR</c> (e.g. <c>--dot</c>), each followed by a value.</summary>
    public virtual IReadOnlyList<string> ExtraOptions => [];

    /// <summary>Runs the demo; returns the process exit code (0 when everything it checks holds).</summary>
    public abstract int Run(DemoContext context);
}
