using System.Globalization;
using System.Text;

namespace Bot.AuditExport;

/// <summary>
/// CSV as German Excel opens it on a double click: UTF-8 with a byte order mark (without it Excel reads the file as
/// Windows-1252 and breaks every umlaut) and <c>;</c> between cells, because Excel splits on the list separator of the
/// Windows region, which is <c>;</c> wherever the decimal separator is <c>,</c> (de-DE, de-AT, de-CH). A <c>sep=;</c>
/// first line would make other locales split too, but Excel then ignores the BOM, so it is not used.
/// </summary>
public static class AuditCsv
{
    public const char Separator = ';';

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        AppendRow(text, header);
        foreach (var row in rows)
        {
            AppendRow(text, row);
        }

        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    /// <summary>
    /// One cell, safe against CSV injection: a cell a spreadsheet would read as a formula (starting with = + - @, or a
    /// tab or carriage return that some spreadsheets skip before one) gets a leading apostrophe, as OWASP advises; then
    /// quoting as RFC 4180 has it.
    /// </summary>
    public static string Cell(string? value)
    {
        var cell = value ?? string.Empty;
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([Separator, '"', '\n', '\r', ',']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static void AppendRow(StringBuilder text, IEnumerable<string?> cells)
    {
        text.AppendJoin(Separator, cells.Select(Cell));
        // Excel and RFC 4180 both expect CRLF between records; a line break inside a quoted cell stays as written.
        text.Append("\r\n");
    }

    public static string Timestamp(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
