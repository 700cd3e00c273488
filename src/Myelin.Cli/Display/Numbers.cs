using System.Globalization;

namespace Myelin.Cli.Display;

/// <summary>Number formatting for the tool's output: invariant culture, whatever the machine's locale.</summary>
internal static class Numbers
{
    /// <summary>A loss or metric with 4 decimals: 0.1234.</summary>
    public static string Fixed(double value, int decimals = 4) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with 2 decimals: 97.25%.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    /// <summary>A duration in seconds: 0.42 s.</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    /// <summary>A count with thousands separators: 1,234.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A float that reads back to the same float (for CSV and JSON output).</summary>
    public static string RoundTrip(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
