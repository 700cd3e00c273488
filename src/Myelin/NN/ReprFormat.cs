using System.Globalization;

namespace Myelin.NN;

/// <summary>Formats layer settings the way PyTorch prints them, so module trees read the same in both.</summary>
internal static class ReprFormat
{
    /// <summary>A double as Python's repr writes it: 0.1, 1.0, 1e-05, 20.0.</summary>
    public static string Float(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == Math.Floor(value) && Math.Abs(value) < 1e16)
            return value.ToString("F0", CultureInfo.InvariantCulture) + ".0";
        // .NET's shortest round-trip form switches to exponent notation at the same point as Python
        // for small numbers (below 1e-4); only the letter case differs.
        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    /// <summary>A bool as Python writes it.</summary>
    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A shape as a Python tuple: (5,) or (3, 4).</summary>
    public static string Tuple(IReadOnlyList<int> values) =>
        values.Count == 1 ? $"({values[0]},)" : "(" + string.Join(", ", values) + ")";
}
