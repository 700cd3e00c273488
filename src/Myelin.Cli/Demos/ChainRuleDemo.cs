using Myelin.Learn;
using Myelin.Scalar;

namespace Myelin.Cli.Demos;

/// <summary>The chain rule on a small expression of scalar Values, with its graph.</summary>
internal sealed class ChainRuleDemo : Demo
{
    public override string Name => "chain-rule";

    public override string Summary => "backpropagation by hand on L = (a·b + c)·f with scalar Values; --dot/--svg draw the graph";

    public override IReadOnlyList<string> ExtraOptions => ["--dot", "--svg"];

    public override int Run(DemoContext context)
    {
        ChainRuleExample example = ChainRuleExample.Build();
        context.Line("a = 2, b = -3, c = 10, e = a·b, d = e + c, f = -2, L = d·f");
        context.Line();
        context.Line("  value   data   grad   why (dL/dvalue)");
        string[] why =
        [
            "dL/de · de/da = -2 · b", "dL/de · de/db = -2 · a", "a sum passes the gradient on: dL/dd",
            "dL/dd · dd/de = -2 · 1", "L = d·f, so dL/dd = f", "dL/df = d", "dL/dL = 1",
        ];
        for (int i = 0; i < example.All.Count; i++)
        {
            Value v = example.All[i];
            context.Line($"  {v.Label,5}  {v.Data,5}  {v.Grad,5}   {why[i]}");
        }

        // Check a gradient by nudging: L is linear in f, so the nudge gives exactly dL/df · h.
        double nudged = ChainRuleExample.Build(nudgeF: 1).L.Data;
        double h = 0.001, numeric = (ChainRuleExample.Build(nudgeF: h).L.Data - example.L.Data) / h;
        context.Line();
        context.Line($"Nudge f by h = 1: L goes from {example.L.Data} to {nudged}, a change of {nudged - example.L.Data} = dL/df · h = {example.F.Grad} · 1.");
        context.Line($"With h = 0.001: (L(f + h) − L(f)) / h = {numeric:F6} ≈ dL/df = {example.F.Grad}.");
        context.Line();
        context.Line("The same engine differentiates any formula: d/dx (5x + 3)² = 2(5x + 3)·5 = 50x + 30.");
        bool ok = example.L.Data == -8 && example.A.Grad == 6 && example.B.Grad == -4 && example.C.Grad == -2
            && example.D.Grad == -2 && example.E.Grad == -2 && example.F.Grad == 4 && nudged == -4;
        foreach (double x in new[] { -1.0, 0.0, 1.0, 2.0 })
        {
            double derivative = ChainRuleExample.DerivativeOfSquaredLine(x);
            context.Line($"  x = {x,4}: backward gives {derivative,5}, 50x + 30 = {50 * x + 30,5}");
            ok &= derivative == 50 * x + 30;
        }
        context.Line();
        WriteGraph(context, example.L);
        return ok ? 0 : 1;
    }

    static void WriteGraph(DemoContext context, Value loss)
    {
        string? dotFile = context.Option("--dot"), svgFile = context.Option("--svg");
        string dotText = loss.ToDot();
        if (context.OutDirectory is not null)
            context.Save("chain-rule.dot", "the graph (Graphviz DOT)", path => File.WriteAllText(path, dotText));
        if (dotFile is not null)
        {
            CreateDirectoryFor(dotFile);
            File.WriteAllText(dotFile, dotText);
            context.Line($"Saved the graph (Graphviz DOT): {dotFile}");
        }
        if (svgFile is null)
        {
            if (dotFile is null && context.OutDirectory is null)
                context.Line("(Run with --dot graph.dot to save the computation graph, --svg graph.svg to draw it.)");
            return;
        }

        string? dot = GraphvizDot.Find();
        if (dot is null)
        {
            context.Line($"Cannot draw {svgFile}: Graphviz's 'dot' program is not on the PATH. {GraphvizDot.InstallHint}, " +
                $"then run: dot -Tsvg {dotFile ?? "graph.dot"} -o {svgFile}");
            return;
        }
        string source = dotFile ?? Path.GetTempFileName();
        try
        {
            if (dotFile is null) File.WriteAllText(source, dotText);
            CreateDirectoryFor(svgFile);
            string? error = GraphvizDot.RenderSvg(dot, source, svgFile);
            context.Line(error is null ? $"Drew the graph: {svgFile}" : $"Cannot draw {svgFile}: {error}");
        }
        finally
        {
            if (dotFile is null) File.Delete(source);
        }
    }

    static void CreateDirectoryFor(string file)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
    }
}
