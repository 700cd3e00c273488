using System.Globalization;
using System.Text;

namespace Myelin.Training;

/// <summary>
/// A file name with placeholders filled from an epoch's logs: <c>{epoch}</c>, <c>{epoch:D3}</c>,
/// <c>{val_loss:F4}</c> — a name in braces, optionally followed by a .NET format string.
/// <c>{{</c> and <c>}}</c> stand for literal braces.
/// </summary>
internal sealed class PathTemplate
{
    readonly string owner;
    readonly List<(string Literal, string? Name, string? Format)> parts = [];

    public PathTemplate(string owner, string template)
    {
        ArgumentException.ThrowIfNullOrEmpty(template);
        this.owner = owner;
        Template = template;
        var literal = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '{')
            {
                int close = template.IndexOf('}', i + 1);
                if (close < 0) throw Malformed($"the '{{' at position {i} is never closed");
                string inside = template[(i + 1)..close];
                int colon = inside.IndexOf(':');
                string name = colon < 0 ? inside : inside[..colon];
                string? format = colon < 0 ? null : inside[(colon + 1)..];
                if (name.Length == 0 || name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch == '_')))
                    throw Malformed($"'{{{inside}}}' is not a placeholder such as {{epoch}} or {{val_loss:F4}}");
                if (format is not null) CheckFormat(name, format);
                parts.Add((literal.ToString(), name, format));
                literal.Clear();
                i = close;
            }
            else if (c == '}') throw Malformed($"the '}}' at position {i} closes nothing (write '}}}}' for a literal brace)");
            else literal.Append(c);
        }
        parts.Add((literal.ToString(), null, null));
    }

    public string Template { get; }

    /// <summary>The path for <paramref name="logs"/>.</summary>
    /// <exception cref="InvalidOperationException">A placeholder names a value the logs do not have.</exception>
    public string Format(EpochLogs logs)
    {
        var text = new StringBuilder();
        foreach (var (literal, name, format) in parts)
        {
            text.Append(literal);
            if (name is null) continue;
            if (name == "epoch") text.Append(logs.Epoch.ToString(format, CultureInfo.InvariantCulture));
            else if (logs.TryGetValue(name, out double value)) text.Append(value.ToString(format, CultureInfo.InvariantCulture));
            else
                throw new InvalidOperationException(
                    $"{owner}: the path '{Template}' uses {{{name}}}, which is not among the logged values (epoch, {string.Join(", ", logs.Keys)}).");
        }
        return text.ToString();
    }

    void CheckFormat(string name, string format)
    {
        try
        {
            if (name == "epoch") _ = 1.ToString(format, CultureInfo.InvariantCulture);
            else _ = 1.5.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw Malformed($"'{format}' is not a valid format for {{{name}}}");
        }
    }

    ArgumentException Malformed(string why) => new($"{owner}: invalid path '{Template}': {why}.", "path");
}
