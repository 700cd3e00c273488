using System.Globalization;
using System.Text;

namespace Myelin.Learn;

/// <summary>
/// A small line and scatter chart written as an SVG file, with axes, ticks, a title, axis labels and a
/// legend: enough to look at activation functions, loss curves and fits without any plotting package.
/// </summary>
/// <example>
/// <code>
/// var chart = new SvgChart("Sigmoid") { XLabel = "z", YLabel = "σ(z)" };
/// chart.AddLine("σ(z)", xs, ys);
/// chart.Save("sigmoid.svg");
/// SvgChart.SaveSideBySide("both.svg", [chart, otherChart]);
/// </code>
/// </example>
public sealed class SvgChart
{
    static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    readonly List<ChartSeries> series = [];

    /// <summary>Creates an empty chart.</summary>
    /// <param name="title">The title above the plot.</param>
    public SvgChart(string title = "") => Title = title ?? "";

    /// <summary>The title above the plot.</summary>
    public string Title { get; set; }

    /// <summary>The label under the x axis.</summary>
    public string XLabel { get; set; } = "";

    /// <summary>The label beside the y axis.</summary>
    public string YLabel { get; set; } = "";

    /// <summary>
    /// A logarithmic y axis (powers of ten), for values spanning orders of magnitude such as gradient
    /// norms. Values ≤ 0 are left out.
    /// </summary>
    public bool LogY { get; set; }

    /// <summary>A fixed y range instead of one fitted to the data (e.g. (−1.5, 1.5)).</summary>
    public (double Min, double Max)? YRange { get; set; }

    /// <summary>The series, in the order added.</summary>
    public IReadOnlyList<ChartSeries> Series => series;

    /// <summary>Adds a line joining the points in order.</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, one per x.</param>
    /// <param name="color">An SVG colour; null picks the next palette colour.</param>
    /// <param name="dashed">Draw the line dashed.</param>
    /// <returns>This chart, for chaining.</returns>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public SvgChart AddLine(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null, bool dashed = false) =>
        Add(name, x, y, color, points: false, dashed);

    /// <summary>Adds unjoined points (a scatter plot).</summary>
    /// <param name="name">The legend entry.</param>
    /// <param name="x">The x coordinates.</param>
    /// <param name="y">The y coordinates, one per x.</param>
    /// <param name="color">An SVG colour; null picks the next palette colour.</param>
    /// <returns>This chart, for chaining.</returns>
    /// <exception cref="ArgumentException">x and y differ in length.</exception>
    public SvgChart AddPoints(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color = null) =>
        Add(name, x, y, color, points: true, dashed: false);

    /// <summary>The chart as a complete SVG document.</summary>
    /// <param name="width">Width in pixels (at least 200).</param>
    /// <param name="height">Height in pixels (at least 150).</param>
    public string ToSvg(int width = 640, int height = 420)
    {
        CheckSize(width, height);
        var svg = new StringBuilder();
        Open(svg, width, height);
        Render(svg, 0, 0, width, height, 0);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>Writes the chart to an SVG file, creating its directory if needed.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public void Save(string path, int width = 640, int height = 420) => Write(path, ToSvg(width, height));

    /// <summary>Several charts in a row, as one SVG document.</summary>
    /// <param name="charts">The charts, left to right (at least one).</param>
    /// <param name="width">Width of each chart in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">No charts.</exception>
    public static string SideBySide(IReadOnlyList<SvgChart> charts, int width = 480, int height = 380)
    {
        ArgumentNullException.ThrowIfNull(charts);
        if (charts.Count == 0) throw new ArgumentException("SvgChart.SideBySide: at least one chart is needed.", nameof(charts));
        CheckSize(width, height);
        var svg = new StringBuilder();
        Open(svg, width * charts.Count, height);
        for (int i = 0; i < charts.Count; i++)
            charts[i].Render(svg, i * width, 0, width, height, i);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>Writes <see cref="SideBySide"/> to a file, creating its directory if needed.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="charts">The charts, left to right.</param>
    /// <param name="width">Width of each chart in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static void SaveSideBySide(string path, IReadOnlyList<SvgChart> charts, int width = 480, int height = 380) =>
        Write(path, SideBySide(charts, width, height));

    SvgChart Add(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, string? color, bool points, bool dashed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"SvgChart: series '{name}' has {x.Count} x values but {y.Count} y values.", nameof(y));
        series.Add(new ChartSeries(name, [.. x], [.. y], color ?? Palette[series.Count % Palette.Length], points, dashed));
        return this;
    }

    void Render(StringBuilder svg, double left, double top, double width, double height, int index)
    {
        // The plot area inside the margins for the title, tick labels and axis labels.
        double plotLeft = left + 64, plotRight = left + width - 16, plotTop = top + 36, plotBottom = top + height - 48;
        var (xMin, xMax) = Range(series.SelectMany(s => s.X), log: false, fixedRange: null);
        var (yMin, yMax) = Range(series.SelectMany(s => s.Y), LogY, YRange);

        double MapX(double x) => plotLeft + (x - xMin) / (xMax - xMin) * (plotRight - plotLeft);
        double MapY(double y) => plotBottom - ((LogY ? Math.Log10(y) : y) - yMin) / (yMax - yMin) * (plotBottom - plotTop);

        svg.AppendLine($"<g font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine($"<rect x=\"{F(left)}\" y=\"{F(top)}\" width=\"{F(width)}\" height=\"{F(height)}\" fill=\"white\"/>");
        if (Title.Length > 0)
            svg.AppendLine($"<text x=\"{F((plotLeft + plotRight) / 2)}\" y=\"{F(top + 22)}\" text-anchor=\"middle\" font-size=\"15\">{Escape(Title)}</text>");

        // Grid lines and tick labels.
        foreach (double tick in Ticks(xMin, xMax))
        {
            double x = MapX(tick);
            svg.AppendLine($"<line x1=\"{F(x)}\" y1=\"{F(plotTop)}\" x2=\"{F(x)}\" y2=\"{F(plotBottom)}\" stroke=\"#e6e6e6\"/>");
            svg.AppendLine($"<text x=\"{F(x)}\" y=\"{F(plotBottom + 16)}\" text-anchor=\"middle\">{TickLabel(tick, log: false)}</text>");
        }
        foreach (double tick in LogY ? LogTicks(yMin, yMax) : Ticks(yMin, yMax))
        {
            double y = plotBottom - (tick - yMin) / (yMax - yMin) * (plotBottom - plotTop);
            svg.AppendLine($"<line x1=\"{F(plotLeft)}\" y1=\"{F(y)}\" x2=\"{F(plotRight)}\" y2=\"{F(y)}\" stroke=\"#e6e6e6\"/>");
            svg.AppendLine($"<text x=\"{F(plotLeft - 6)}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{TickLabel(tick, LogY)}</text>");
        }
        svg.AppendLine($"<rect x=\"{F(plotLeft)}\" y=\"{F(plotTop)}\" width=\"{F(plotRight - plotLeft)}\" height=\"{F(plotBottom - plotTop)}\" fill=\"none\" stroke=\"#333\"/>");
        if (XLabel.Length > 0)
            svg.AppendLine($"<text x=\"{F((plotLeft + plotRight) / 2)}\" y=\"{F(top + height - 12)}\" text-anchor=\"middle\">{Escape(XLabel)}</text>");
        if (YLabel.Length > 0)
        {
            double cx = left + 16, cy = (plotTop + plotBottom) / 2;
            svg.AppendLine($"<text x=\"{F(cx)}\" y=\"{F(cy)}\" text-anchor=\"middle\" transform=\"rotate(-90 {F(cx)} {F(cy)})\">{Escape(YLabel)}</text>");
        }

        // The data, clipped to the plot area so that a fixed y range cuts lines cleanly.
        string clip = $"plot{index}";  // unique within the document
        svg.AppendLine($"<clipPath id=\"{clip}\"><rect x=\"{F(plotLeft)}\" y=\"{F(plotTop)}\" width=\"{F(plotRight - plotLeft)}\" height=\"{F(plotBottom - plotTop)}\"/></clipPath>");
        svg.AppendLine($"<g clip-path=\"url(#{clip})\">");
        foreach (ChartSeries s in series)
        {
            if (s.Points)
            {
                for (int i = 0; i < s.X.Count; i++)
                    if (Drawable(s.X[i], s.Y[i]))
                        svg.AppendLine($"<circle cx=\"{F(MapX(s.X[i]))}\" cy=\"{F(MapY(s.Y[i]))}\" r=\"2.5\" fill=\"{s.Color}\"/>");
                continue;
            }
            // A line breaks into pieces at values that cannot be drawn.
            var piece = new List<string>();
            void Flush()
            {
                if (piece.Count > 1)
                    svg.AppendLine($"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"{(s.Dashed ? " stroke-dasharray=\"6 4\"" : "")} points=\"{string.Join(" ", piece)}\"/>");
                piece.Clear();
            }
            for (int i = 0; i < s.X.Count; i++)
            {
                if (Drawable(s.X[i], s.Y[i])) piece.Add($"{F(MapX(s.X[i]))},{F(MapY(s.Y[i]))}");
                else Flush();
            }
            Flush();
        }
        svg.AppendLine("</g>");

        // The legend, top right inside the plot.
        var named = series.Where(s => s.Name.Length > 0).ToList();
        if (named.Count > 0)
        {
            double boxWidth = 34 + 7 * named.Max(s => s.Name.Length), boxLeft = plotRight - boxWidth - 8, boxTop = plotTop + 8;
            svg.AppendLine($"<rect x=\"{F(boxLeft)}\" y=\"{F(boxTop)}\" width=\"{F(boxWidth)}\" height=\"{F(8 + 18 * named.Count)}\" fill=\"white\" fill-opacity=\"0.85\" stroke=\"#999\"/>");
            for (int i = 0; i < named.Count; i++)
            {
                double y = boxTop + 16 + 18 * i;
                svg.AppendLine($"<line x1=\"{F(boxLeft + 6)}\" y1=\"{F(y - 4)}\" x2=\"{F(boxLeft + 24)}\" y2=\"{F(y - 4)}\" stroke=\"{named[i].Color}\" stroke-width=\"{(named[i].Points ? 6 : 2)}\"{(named[i].Dashed ? " stroke-dasharray=\"4 3\"" : "")}/>");
                svg.AppendLine($"<text x=\"{F(boxLeft + 30)}\" y=\"{F(y)}\">{Escape(named[i].Name)}</text>");
            }
        }
        svg.AppendLine("</g>");
    }

    bool Drawable(double x, double y) => double.IsFinite(x) && double.IsFinite(y) && (!LogY || y > 0);

    // The axis range: the data's extent with a little air, or the fixed range; in log10 units for a log axis.
    static (double Min, double Max) Range(IEnumerable<double> values, bool log, (double Min, double Max)? fixedRange)
    {
        double min, max;
        if (fixedRange is { } range)
        {
            (min, max) = log ? (Math.Log10(range.Min), Math.Log10(range.Max)) : range;
        }
        else
        {
            var usable = values.Where(v => double.IsFinite(v) && (!log || v > 0)).Select(v => log ? Math.Log10(v) : v).ToList();
            if (usable.Count == 0) return (0, 1);
            min = usable.Min();
            max = usable.Max();
            if (log) { min = Math.Floor(min); max = Math.Ceiling(max); }
            else { double pad = (max - min) * 0.05; min -= pad; max += pad; }
        }
        if (!(max > min)) { min -= 1; max += 1; }
        return (min, max);
    }

    // About six round tick values (steps of 1, 2 or 5 times a power of ten) between min and max.
    static IEnumerable<double> Ticks(double min, double max)
    {
        double rough = (max - min) / 6, power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = power * (rough / power < 1.5 ? 1 : rough / power < 3.5 ? 2 : rough / power < 7.5 ? 5 : 10);
        for (double tick = Math.Ceiling(min / step) * step; tick <= max + step * 1e-9; tick += step)
            yield return Math.Abs(tick) < step * 1e-9 ? 0 : tick;
    }

    // Whole powers of ten on a log axis (in log10 units), thinned to about eight labels.
    static IEnumerable<double> LogTicks(double min, double max)
    {
        int every = Math.Max(1, (int)Math.Ceiling((max - min) / 8));
        for (double tick = Math.Ceiling(min); tick <= max + 1e-9; tick += every)
            yield return tick;
    }

    static string TickLabel(double tick, bool log) =>
        log ? "1e" + ((int)Math.Round(tick)).ToString(CultureInfo.InvariantCulture) : Math.Round(tick, 10).ToString("G6", CultureInfo.InvariantCulture);

    static void Open(StringBuilder svg, double width, double height) =>
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{F(width)}\" height=\"{F(height)}\" viewBox=\"0 0 {F(width)} {F(height)}\">");

    static void CheckSize(int width, int height)
    {
        if (width < 200 || height < 150)
            throw new ArgumentOutOfRangeException(nameof(width), $"SvgChart: the size must be at least 200 × 150 pixels, got {width} × {height}.");
    }

    static void Write(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, content);
    }

    static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
