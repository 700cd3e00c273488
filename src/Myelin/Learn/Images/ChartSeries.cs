namespace Myelin.Learn;

/// <summary>One data series of an <see cref="SvgChart"/>: a named line or set of points.</summary>
/// <param name="Name">The name shown in the legend.</param>
/// <param name="X">The x coordinates.</param>
/// <param name="Y">The y coordinates, one per x; NaN or infinite values leave a gap.</param>
/// <param name="Color">An SVG colour such as <c>#1f77b4</c>.</param>
/// <param name="Points">True to draw dots, false to join the values with a line.</param>
/// <param name="Dashed">True for a dashed line.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, string Color, bool Points, bool Dashed);
