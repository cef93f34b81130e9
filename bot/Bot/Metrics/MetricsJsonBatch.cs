using System.Globalization;
using System.Text.Json;

namespace Bot.Metrics;

/// <summary>
/// Reads the body of <c>POST /api/metrics</c>: <c>{"metrics":[{…},…]}</c>. Every row is read on its own, so one row of
/// the wrong shape becomes a row error with its index instead of failing the whole request with a vague message.
/// </summary>
public static class MetricsJsonBatch
{
    /// <summary>Deeper than a batch can legitimately be (root, array, row, value) with room to spare.</summary>
    public const int MaxDepth = 8;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The batch, or <c>null</c> when the body is no JSON of the expected outline (a 400 for the whole request).</summary>
    public static MetricsBatch? TryRead(ReadOnlyMemory<byte> body)
    {
        // The reader checks the structure, but invalid UTF-8 inside a string only shows when the string is read.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("metrics", out var metrics)
                || metrics.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var rows = new List<MetricInput>();
            var errors = new List<MetricRowError>();
            var index = 0;
            foreach (var element in metrics.EnumerateArray())
            {
                if (ReadRow(index, element, out var row) is { } error)
                {
                    errors.Add(error);
                }
                else
                {
                    rows.Add(row!);
                }

                index++;
            }

            return new MetricsBatch(index, rows, errors);
        }
    }

    private static MetricRowError? ReadRow(int index, JsonElement element, out MetricInput? row)
    {
        row = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new(index, MetricProblem.NotAnObject);
        }

        int? channelId = null;
        if (element.TryGetProperty("socialChannelId", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetInt32(out var id))
            {
                return new(index, MetricProblem.WrongType, "socialChannelId");
            }

            channelId = id;
        }

        if (OptionalString(element, "socialChannel", out var channelName) is false)
        {
            return new(index, MetricProblem.WrongType, "socialChannel");
        }

        if (OptionalString(element, "postUrl", out var postUrl) is false)
        {
            return new(index, MetricProblem.WrongType, "postUrl");
        }

        if (OptionalString(element, "source", out var source) is false)
        {
            return new(index, MetricProblem.WrongType, "source");
        }

        DateOnly? date = null;
        if (OptionalString(element, "date", out var dateText) is false)
        {
            return new(index, MetricProblem.WrongType, "date");
        }

        if (dateText is not null)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return new(index, MetricProblem.InvalidDate, Shorten(dateText));
            }

            date = parsed;
        }

        if (OptionalString(element, "metric", out var metricText) is false)
        {
            return new(index, MetricProblem.WrongType, "metric");
        }

        if (metricText is null)
        {
            return new(index, MetricProblem.MissingMetric);
        }

        if (!MetricNames.TryParse(metricText, out var metric))
        {
            return new(index, MetricProblem.UnknownMetric, Shorten(metricText));
        }

        if (!element.TryGetProperty("value", out var valueElement) || valueElement.ValueKind == JsonValueKind.Null)
        {
            return new(index, MetricProblem.MissingValue);
        }

        if (valueElement.ValueKind != JsonValueKind.Number)
        {
            return new(index, MetricProblem.WrongType, "value");
        }

        if (!valueElement.TryGetInt64(out var value))
        {
            // 12.0 is a whole number written oddly; 12.5 people or 1e30 impressions are not figures we store.
            if (!valueElement.TryGetDecimal(out var fractional) || fractional != decimal.Truncate(fractional) || fractional is > long.MaxValue or < long.MinValue)
            {
                return new(index, MetricProblem.InvalidValue, Shorten(valueElement.GetRawText()));
            }

            value = (long)fractional;
        }

        row = new MetricInput(index, channelId, channelName, postUrl, date, metric, value, source);
        return null;
    }

    /// <summary><c>true</c> with the text, <c>true</c> with <c>null</c> when absent or null, <c>false</c> when not a string.</summary>
    private static bool OptionalString(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";
}
