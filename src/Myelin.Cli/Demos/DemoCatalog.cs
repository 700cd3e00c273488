namespace Myelin.Cli.Demos;

/// <summary>
/// The demos of <c>myelin demo</c>: each runs one textbook idea — from the perceptron to
/// backpropagation — and prints what it shows in words and numbers. Pictures (SVG charts, PNG images)
/// are saved when <c>--out DIR</c> is given.
/// </summary>
public static class DemoCatalog
{
    static readonly Demo[] Demos =
    [
        new SweetsDemo(), new NandDemo(), new PerceptronLearningDemo(), new SigmoidNeuronDemo(),
        new ChainRuleDemo(), new TanhNeuronDemo(), new ValueMlpDemo(), new ExamDemo(),
        new ActivationsDemo(), new SoftmaxDemo(), new LearningSlowdownDemo(), new UniversalApproximationDemo(),
        new VanishingGradientsDemo(), new OverfittingDemo(), new LearningRateDemo(), new HousePricesDemo(),
        new IsItANineDemo(), new FeatureRelevanceDemo(), new SomDemo(),
    ];

    /// <summary>Every demo's name and a one-line summary, in teaching order.</summary>
    public static IReadOnlyList<(string Name, string Summary)> List { get; } = Demos.Select(d => (d.Name, d.Summary)).ToArray();

    /// <summary>
    /// Runs a demo by name. <paramref name="args"/> are its options: <c>--out DIR</c> (every demo: the
    /// folder for pictures) and the demo's own (<c>chain-rule</c>: <c>--dot FILE</c>, <c>--svg FILE</c>), each
    /// as <c>--name value</c> or <c>--name=value</c>.
    /// </summary>
    /// <param name="name">The demo's name, as in <see cref="List"/>.</param>
    /// <param name="args">The options after the name.</param>
    /// <param name="output">Where to print.</param>
    /// <returns>0 on success; 1 when something the demo checks does not hold; 2 for an unknown demo or a bad option.</returns>
    public static int Run(string name, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        args ??= [];
        Demo? demo = Demos.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
        if (demo is null)
        {
            output.WriteLine($"Unknown demo '{name}'. The demos are:");
            foreach (var (demoName, summary) in List)
                output.WriteLine($"  {demoName,-24} {summary}");
            return 2;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = new HashSet<string>(["--out", .. demo.ExtraOptions], StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string option = args[i], value;
            int equals = option.IndexOf('=', StringComparison.Ordinal);
            if (option.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = option[(equals + 1)..];
                option = option[..equals];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                value = "";
            }
            if (!known.Contains(option))
            {
                output.WriteLine($"Demo '{demo.Name}' does not take the option '{option}'; it takes {string.Join(", ", known.Select(k => k + " VALUE"))}.");
                return 2;
            }
            if (value.Length == 0)
            {
                output.WriteLine($"Demo '{demo.Name}': the option {option} needs a value, e.g. {option} {(option == "--out" ? "pictures" : "file")}.");
                return 2;
            }
            options[option] = value;
        }

        var context = new DemoContext(output, options.GetValueOrDefault("--out"), options);
        return demo.Run(context);
    }
}
