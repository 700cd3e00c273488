using Spectre.Console;
using Spectre.Console.Rendering;

namespace Myelin.Cli.Display;

using Text = Spectre.Console.Text;

/// <summary>Helpers for Spectre tables whose cells are plain text (never parsed as markup, so "[N, 64]" prints as it is).</summary>
internal static class Tables
{
    /// <summary>A table with the given column headers, right-aligning every column but the first.</summary>
    public static Table Create(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (int i = 0; i < headers.Length; i++)
        {
            var column = new TableColumn(new Text(headers[i]));
            if (i > 0) column.RightAligned();
            table.AddColumn(column);
        }
        return table;
    }

    /// <summary>Adds a row of plain-text cells.</summary>
    public static Table AddTextRow(this Table table, params string[] cells)
    {
        table.AddRow(cells.Select(cell => (IRenderable)new Text(cell)).ToArray());
        return table;
    }
}
