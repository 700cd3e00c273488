using System.Globalization;
using System.Net;
using System.Text;

namespace Myelin.Cli.SequenceDemos;

/// <summary>
/// The charts the sequence demos draw, as self-contained SVG files: a heat map with labelled rows and columns, and a
/// scatter plot of two point clouds.
/// </summary>
internal static class SvgImages
{
    const int Margin = 40;

    /// <summary>
    /// A heat map of <paramref name="values"/> [rows, columns] in [0, 1]: white for 0, dark blue for 1, each cell
    /// with its value written in it.
    /// </summary>
    public static string HeatMap(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, double[,] values)
    {
        const int cell = 36;
        int rows = values.GetLength(0), columns = values.GetLength(1);
        int width = Math.Max(2 * Margin + columns * cell, TitleWidth(title)), height = 2 * Margin + rows * cell + 20;
        var svg = Begin(width, height, title);
        for (int c = 0; c < columns; c++)
            svg.Append(Invariant($"<text x=\"{Margin + c * cell + cell / 2}\" y=\"{Margin + 10}\" text-anchor=\"middle\" font-size=\"14\">{Escape(columnLabels[c])}</text>\n"));
        for (int r = 0; r < rows; r++)
        {
            int y = Margin + 20 + r * cell;
            svg.Append(Invariant($"<text x=\"{Margin - 8}\" y=\"{y + cell / 2 + 5}\" text-anchor=\"end\" font-size=\"14\">{Escape(rowLabels[r])}</text>\n"));
            for (int c = 0; c < columns; c++)
            {
                double v = Math.Clamp(values[r, c], 0, 1);
                // Blend white (255, 255, 255) towards dark blue (8, 48, 107).
                int red = (int)Math.Round(255 - v * 247), green = (int)Math.Round(255 - v * 207), blue = (int)Math.Round(255 - v * 148);
                string ink = v > 0.5 ? "white" : "black";
                svg.Append(Invariant($"<rect x=\"{Margin + c * cell}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"rgb({red},{green},{blue})\" stroke=\"#ccc\"/>"));
                svg.Append(Invariant($"<text x=\"{Margin + c * cell + cell / 2}\" y=\"{y + cell / 2 + 4}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{ink}\">{values[r, c]:0.00}</text>\n"));
            }
        }
        return End(svg);
    }

    /// <summary>
    /// Two point clouds in the square [−extent, extent]²: <paramref name="reference"/> in grey and
    /// <paramref name="points"/> in orange, with optional crosses at <paramref name="markers"/>.
    /// </summary>
    public static string Scatter(string title, IReadOnlyList<(double X, double Y)> reference, IReadOnlyList<(double X, double Y)> points,
        IReadOnlyList<(double X, double Y)> markers, double extent)
    {
        const int size = 480;
        var svg = Begin(Math.Max(size + 2 * Margin, TitleWidth(title)), size + 2 * Margin, title);
        double Sx(double x) => Margin + (x + extent) / (2 * extent) * size;
        double Sy(double y) => Margin + (extent - y) / (2 * extent) * size;
        svg.Append(Invariant($"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#999\"/>\n"));
        foreach (var (x, y) in reference)
            svg.Append(Invariant($"<circle cx=\"{Sx(x):F1}\" cy=\"{Sy(y):F1}\" r=\"1.5\" fill=\"#999\" fill-opacity=\"0.5\"/>\n"));
        foreach (var (x, y) in points)
            if (Math.Abs(x) <= extent && Math.Abs(y) <= extent)
                svg.Append(Invariant($"<circle cx=\"{Sx(x):F1}\" cy=\"{Sy(y):F1}\" r=\"1.5\" fill=\"#e6550d\" fill-opacity=\"0.6\"/>\n"));
        foreach (var (x, y) in markers)
            svg.Append(Invariant($"<path d=\"M{Sx(x) - 5:F1},{Sy(y):F1}h10M{Sx(x):F1},{Sy(y) - 5:F1}v10\" stroke=\"black\"/>\n"));
        svg.Append(Invariant($"<text x=\"{Margin}\" y=\"{size + Margin + 25}\" font-size=\"12\">grey: real samples, orange: generated, +: mode centres</text>\n"));
        return End(svg);
    }

    /// <summary>Writes <paramref name="svg"/> to <paramref name="folder"/>/<paramref name="fileName"/> and returns the path.</summary>
    public static string Save(string folder, string fileName, string svg)
    {
        string path = Path.Combine(folder, fileName);
        File.WriteAllText(path, svg);
        return path;
    }

    static StringBuilder Begin(int width, int height, string title)
    {
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">\n"));
        svg.Append(Invariant($"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n"));
        svg.Append(Invariant($"<text x=\"{width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n"));
        return svg;
    }

    /// <summary>Roughly the width a title needs at font size 15, with margins.</summary>
    static int TitleWidth(string title) => 8 * title.Length + 2 * Margin;

    static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    static string Escape(string text) => WebUtility.HtmlEncode(text);

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
