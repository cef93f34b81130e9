using System.Text;

namespace Bot.Metrics.Csv;

/// <summary>One record of a CSV file with the line it starts on (1-based, as a spreadsheet shows it).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A small RFC 4180 reader for the analytics exports people download: quoted fields with <c>""</c> inside and line
/// breaks, <c>,</c> <c>;</c> or tab between cells (guessed from the header line, or named by Excel's <c>sep=</c> line),
/// a byte order mark, CRLF or LF. Empty lines are skipped.
/// </summary>
public static class CsvReader
{
    /// <summary>The file as text: UTF-8 (with or without BOM), else Windows Latin-1 as older Excel versions save it.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var span = bytes.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }
        else if (span.Length >= 2 && span[0] == 0xFF && span[1] == 0xFE)
        {
            // Excel's "Unicode text" and some Meta exports are UTF-16 LE.
            return Encoding.Unicode.GetString(span[2..]);
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(span);
        }
    }

    /// <summary>The records, or the line of a quote that never closes.</summary>
    public static (IReadOnlyList<CsvRecord> Records, char Separator, int? UnterminatedQuoteLine) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        var line = 1;
        var start = 0;
        char? separator = null;
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (firstLineEnd < 0 ? text : text[..firstLineEnd]).TrimEnd('\r');
        if (firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && firstLine.Length == 5)
        {
            separator = firstLine[4];
            start = firstLineEnd < 0 ? text.Length : firstLineEnd + 1;
            line = 2;
        }

        separator ??= GuessSeparator(text.AsSpan(start));
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var recordLine = line;
        var quoteLine = line;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                inQuotes = true;
                quoteLine = line;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                AddRecord(records, fields, recordLine);
                fields = [];
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (inQuotes)
        {
            return (records, separator.Value, quoteLine);
        }

        fields.Add(field.ToString());
        AddRecord(records, fields, recordLine);
        return (records, separator.Value, null);
    }

    private static void AddRecord(List<CsvRecord> records, List<string> fields, int line)
    {
        if (fields.All(f => f.Trim().Length == 0))
        {
            return;
        }

        records.Add(new CsvRecord(line, [.. fields.Select(f => f.Trim())]));
    }

    /// <summary>The separator that splits the header line into the most cells, quotes respected.</summary>
    private static char GuessSeparator(ReadOnlySpan<char> text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\n' or '\r')
            {
                break;
            }
            else if (!inQuotes)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }
}
