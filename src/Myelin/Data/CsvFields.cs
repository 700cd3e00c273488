using System.Text;

namespace Myelin.Data;

/// <summary>
/// Splits one CSV line into fields: fields are separated by the delimiter, surrounding
/// whitespace is trimmed, and a field in double quotes may contain the delimiter and
/// <c>""</c> for a literal quote. Quoted fields cannot span lines.
/// </summary>
internal static class CsvFields
{
    /// <summary>Fills <paramref name="fields"/> with the line's fields; returns an error description, or null on success.</summary>
    public static string? Split(string line, char delimiter, List<string> fields, StringBuilder scratch)
    {
        fields.Clear();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < line.Length && line[i] != delimiter && char.IsWhiteSpace(line[i])) i++;
            if (i < line.Length && line[i] == '"')
            {
                int quoteStart = i;
                scratch.Clear();
                i++;
                while (true)
                {
                    if (i >= line.Length) return $"the quoted field starting at character {quoteStart + 1} is not closed (quoted fields cannot span lines).";
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { scratch.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    scratch.Append(line[i++]);
                }
                while (i < line.Length && line[i] != delimiter && char.IsWhiteSpace(line[i])) i++;
                if (i < line.Length && line[i] != delimiter)
                    return $"unexpected character '{line[i]}' after the quoted field ending at character {i}.";
                fields.Add(scratch.ToString());
            }
            else
            {
                int end = line.IndexOf(delimiter, i);
                if (end < 0) end = line.Length;
                fields.Add(line[start..end].Trim());
                i = end;
            }
            if (i >= line.Length) return null;
            i++; // past the delimiter; a delimiter at the very end leaves one empty last field
            if (i == line.Length)
            {
                fields.Add("");
                return null;
            }
        }
    }
}
