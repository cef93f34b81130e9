using System.Globalization;

namespace Bot.Metrics.Csv;

/// <summary>How the cells of an export write numbers: German exports (and any file with <c>;</c> between cells) group
/// thousands with <c>.</c> and write decimals with <c>,</c>; English ones the other way round.</summary>
public enum NumberStyle
{
    English,
    German,
}

/// <summary>Counts and dates as the exports write them.</summary>
public static class MetricsCsvValues
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm zzz", "yyyy-MM-dd HH:mm 'Z'",
        "dd.MM.yyyy", "d.M.yyyy", "dd.MM.yyyy HH:mm",
        // Meta and LinkedIn write US dates in English exports; a day-first slash date is not something they produce.
        "MM/dd/yyyy", "M/d/yyyy", "MM/dd/yyyy HH:mm", "M/d/yyyy H:mm",
        // X's account overview: "Sat, Nov 30, 2024".
        "ddd, MMM d, yyyy", "ddd, MMM dd, yyyy", "MMM d, yyyy",
    ];

    /// <summary>Cells that mean "no figure" rather than a bad one: empty, a dash, or n/a.</summary>
    public static bool IsBlank(string cell) => cell.Trim() is "" or "-" or "–" or "—" or "n/a" or "N/A" or "--";

    /// <summary>
    /// A whole, non-negative-or-negative count: <c>1234</c>, <c>1,234</c> / <c>1.234</c> (thousands by style),
    /// <c>1 234</c>, <c>1234.0</c> / <c>1234,0</c>. A fraction that is not zero is refused, as is a grouping that
    /// does not come in threes (<c>1.23</c> in a German file is not twelve hundred).
    /// </summary>
    public static bool TryParseCount(string cell, NumberStyle style, out long value)
    {
        value = 0;
        var text = cell.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal).Replace("'", string.Empty, StringComparison.Ordinal);
        if (text.Length is 0 or > 30)
        {
            return false;
        }

        var (group, point) = style == NumberStyle.German ? ('.', ',') : (',', '.');
        var negative = text[0] == '-';
        var digits = negative ? text[1..] : text;
        var pointAt = digits.LastIndexOf(point);
        var whole = pointAt < 0 ? digits : digits[..pointAt];
        var fraction = pointAt < 0 ? string.Empty : digits[(pointAt + 1)..];
        if (fraction.Length > 0 && !fraction.All(c => c == '0'))
        {
            return false;
        }

        if (whole.Contains(group, StringComparison.Ordinal))
        {
            var groups = whole.Split(group);
            if (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
            {
                return false;
            }

            whole = string.Concat(groups);
        }

        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    public static bool TryParseDate(string cell, out DateOnly date)
    {
        var text = cell.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }

        // "2026-12-01T09:30:00+01:00" and other ISO forms with an offset: the day as written, not moved to UTC.
        if (text.Length >= 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && text[4] == '-')
        {
            date = DateOnly.FromDateTime(withOffset.DateTime);
            return true;
        }

        date = default;
        return false;
    }
}
