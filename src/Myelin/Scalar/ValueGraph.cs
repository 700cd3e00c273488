using System.Globalization;
using System.Text;

namespace Myelin.Scalar;

/// <summary>
/// Draws the computation graph behind a <see cref="Value"/> in Graphviz DOT format, so that a
/// forward and backward pass can be looked at as a picture.
/// </summary>
/// <remarks>
/// Render the text with Graphviz, for example <c>dot -Tsvg graph.dot -o graph.svg</c>.
/// </remarks>
public static class ValueGraph
{
    /// <summary>
    /// The graph that produced <paramref name="root"/> as a left-to-right Graphviz digraph.
    /// </summary>
    /// <remarks>
    /// Each value is a record box showing its label, data and gradient (invariant culture,
    /// four decimals). Each operation is a small circle (<c>*</c>, <c>+</c>, <c>tanh</c>, …)
    /// with an edge from every operand into it and one edge out to its result. Node ids follow
    /// the topological order (<c>v0</c>, <c>v1</c>, … and <c>v3_op</c> for the operation
    /// producing <c>v3</c>), so the same graph always gives the same text.
    /// </remarks>
    public static string ToDot(Value root)
    {
        ArgumentNullException.ThrowIfNull(root);
        IReadOnlyList<Value> values = root.TopologicalOrder();
        var ids = new Dictionary<Value, string>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < values.Count; i++)
            ids[values[i]] = "v" + i.ToString(CultureInfo.InvariantCulture);

        var dot = new StringBuilder();
        dot.Append("digraph ValueGraph {\n");
        dot.Append("  rankdir=LR;\n");
        foreach (Value value in values)
        {
            string id = ids[value];
            dot.Append($"  {id} [shape=record, label=\"{{ {EscapeRecord(value.Label ?? "")} | data {Format(value.Data)} | grad {Format(value.Grad)} }}\"];\n");
            if (value.Op is null) continue;

            // The operation gets its own small node between the operands and the result.
            string opId = id + "_op";
            dot.Append($"  {opId} [shape=circle, label=\"{EscapeQuoted(value.Op)}\"];\n");
            foreach (Value operand in value.Operands)
                dot.Append($"  {ids[operand]} -> {opId};\n");
            dot.Append($"  {opId} -> {id};\n");
        }
        dot.Append("}\n");
        return dot.ToString();
    }

    // Four decimals, invariant culture, and no "-0.0000".
    static string Format(double number) =>
        (number == 0 ? 0.0 : number).ToString("F4", CultureInfo.InvariantCulture);

    // Inside a record label, braces, bars and angle brackets have meaning and must be escaped.
    static string EscapeRecord(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '{' or '}' or '|' or '<' or '>' or '"' or '\\') escaped.Append('\\');
            escaped.Append(char.IsControl(c) ? ' ' : c);
        }
        return escaped.ToString();
    }

    // Inside an ordinary quoted DOT string only quotes and backslashes need escaping.
    static string EscapeQuoted(string text) =>
        text.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
