using System.Collections.Immutable;

namespace Myelin.Cli;

/// <summary>Formats tensor shapes the way the library's messages do: [2, 3].</summary>
internal static class Shapes
{
    /// <summary>The shape as "[d0, d1, …]".</summary>
    public static string Format(ImmutableArray<int> shape) => "[" + string.Join(", ", shape) + "]";
}
