using System.Globalization;

namespace Myelin.Learn;

/// <summary>Number formatting and abridging shared by the explanations.</summary>
internal static class ExplainFormat
{
    /// <summary>
    /// A number rounded to <paramref name="digits"/> significant digits, without trailing zeros:
    /// 3.2, 0.961, 1235, -0.0351; very small or very large numbers in scientific notation (3.46e-05).
    /// </summary>
    public static string Number(double value, int digits)
    {
        if (value == 0) return "0";
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude < -4 || magnitude >= 7)
            return value.ToString("0." + new string('#', Math.Max(digits - 1, 0)) + "e+00", CultureInfo.InvariantCulture);
        int decimals = Math.Clamp(digits - 1 - magnitude, 0, 15);
        string text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        return text == "-0" ? "0" : text;
    }

    /// <summary>
    /// "=" when the shown text is the value (to single precision, so float32 arithmetic such as
    /// 0.2·3 + 0.3·7 + 0.5 still shows as "= 3.2"), "≈" when rounding changed it.
    /// </summary>
    public static string Relation(double value, string shown)
    {
        double parsed = double.Parse(shown, CultureInfo.InvariantCulture);
        return Math.Abs(parsed - value) <= 1e-6 * Math.Max(Math.Abs(value), 1e-30) ? "=" : "≈";
    }

    /// <summary>"= 3.2" or "≈ 0.961".</summary>
    public static string Shown(double value, int digits)
    {
        string shown = Number(value, digits);
        return $"{Relation(value, shown)} {shown}";
    }

    /// <summary>
    /// The positions to show of a list of <paramref name="count"/> items when at most
    /// <paramref name="max"/> fit: all of them, or the first ones and the last two with a gap (-1) between.
    /// </summary>
    public static int[] Abridge(int count, int max)
    {
        if (count <= max) return Enumerable.Range(0, count).ToArray();
        int tail = Math.Min(2, Math.Max(max - 1, 0) / 2), head = Math.Max(max - tail, 1);
        return [.. Enumerable.Range(0, head), -1, .. Enumerable.Range(count - tail, tail)];
    }

    /// <summary>A vector such as [3, 7] or [0.961, 0.961, …, 0.2], abridged to <paramref name="max"/> entries.</summary>
    public static string Vector(IReadOnlyList<double> values, int digits, int max) =>
        "[" + string.Join(", ", Abridge(values.Count, max).Select(i => i < 0 ? "…" : Number(values[i], digits))) + "]";

    /// <summary>A shape such as [2, 3].</summary>
    public static string Shape(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>
    /// Lays out blocks of text lines side by side, each block's lines padded to its widest line and
    /// centred vertically against the tallest block.
    /// </summary>
    public static IEnumerable<string> SideBySide(IReadOnlyList<string[]> blocks, string separator = " ")
    {
        int height = blocks.Max(b => b.Length);
        var widths = blocks.Select(b => b.Max(line => line.Length)).ToArray();
        for (int row = 0; row < height; row++)
        {
            var parts = new string[blocks.Count];
            for (int b = 0; b < blocks.Count; b++)
            {
                int top = (height - blocks[b].Length) / 2;
                int index = row - top;
                string line = index >= 0 && index < blocks[b].Length ? blocks[b][index] : "";
                parts[b] = line.PadRight(widths[b]);
            }
            yield return string.Join(separator, parts).TrimEnd();
        }
    }

    /// <summary>
    /// A matrix (or a column vector when it has one column) as lines between bars, abridged to
    /// <paramref name="maxRows"/> rows and <paramref name="maxColumns"/> columns.
    /// </summary>
    public static string[] Matrix(double[,] values, int digits, int maxRows, int maxColumns)
    {
        int[] rows = Abridge(values.GetLength(0), maxRows), columns = Abridge(values.GetLength(1), maxColumns);
        var cells = rows.Select(r => columns.Select(c => r < 0 ? (c < 0 ? "⋱" : "⋮") : c < 0 ? "…" : Number(values[r, c], digits)).ToArray()).ToArray();
        var widths = Enumerable.Range(0, columns.Length).Select(c => cells.Max(row => row[c].Length)).ToArray();
        return cells.Select(row => "| " + string.Join("  ", row.Select((cell, c) => cell.PadLeft(widths[c]))) + " |").ToArray();
    }

    /// <summary>A column vector as a one-column matrix.</summary>
    public static string[] Column(IReadOnlyList<double> values, int digits, int maxRows)
    {
        var matrix = new double[values.Count, 1];
        for (int i = 0; i < values.Count; i++) matrix[i, 0] = values[i];
        return Matrix(matrix, digits, maxRows, 1);
    }
}
