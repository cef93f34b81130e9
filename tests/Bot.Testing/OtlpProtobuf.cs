using System.Buffers.Binary;
using System.Text;

namespace Bot.Testing;

/// <summary>A span as an OTLP collector stores it: the scope that made it, its name and its attributes.</summary>
public sealed record OtlpSpan(string Scope, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// One data point of a metric: the sum or gauge value, or a histogram's count and sum, with the point's attributes.
/// Cumulative, as the .NET exporter sends them by default.
/// </summary>
public sealed record OtlpMetricPoint(string Scope, string Name, IReadOnlyDictionary<string, string> Attributes, double Value, double? HistogramSum);

/// <summary>
/// Just enough of protobuf and the OTLP schema (opentelemetry-proto, trace/v1 and metrics/v1) to read spans and data
/// points back: the field numbers below are that schema's. Decoding the structure rather than searching bytes lets a
/// test say "this attribute is on the turn span", not merely "these bytes went somewhere".
/// </summary>
public static class OtlpProtobuf
{
    public static IEnumerable<OtlpSpan> Spans(byte[] exportTraceServiceRequest) =>
        from resourceSpans in Messages(exportTraceServiceRequest, 1)
        from scopeSpans in Messages(resourceSpans, 2)
        let scope = ScopeName(scopeSpans)
        from span in Messages(scopeSpans, 2)
        select new OtlpSpan(scope, String(span, 5) ?? string.Empty, Attributes(span, 9));

    public static IEnumerable<OtlpMetricPoint> MetricPoints(byte[] exportMetricsServiceRequest) =>
        from resourceMetrics in Messages(exportMetricsServiceRequest, 1)
        from scopeMetrics in Messages(resourceMetrics, 2)
        let scope = ScopeName(scopeMetrics)
        from metric in Messages(scopeMetrics, 2)
        let name = String(metric, 1) ?? string.Empty
        from point in PointsOf(metric)
        select point with { Scope = scope, Name = name };

    private static IEnumerable<OtlpMetricPoint> PointsOf(ReadOnlyMemory<byte> metric)
    {
        // gauge = 5 and sum = 7 hold NumberDataPoints (attributes 7, as_double 4, as_int 6); histogram = 9 holds
        // HistogramDataPoints (attributes 9, count 4, sum 5).
        foreach (var number in Messages(metric, 5).Concat(Messages(metric, 7)))
        {
            foreach (var point in Messages(number, 1))
            {
                var value = Fields(point).FirstOrDefault(f => f.Number is 4 or 6) switch
                {
                    { Number: 4, Bytes.Length: 8 } asDouble => Double(asDouble.Bytes),
                    { Number: 6, Bytes.Length: 8 } asInt => BinaryPrimitives.ReadInt64LittleEndian(asInt.Bytes.Span),
                    _ => 0,
                };
                yield return new OtlpMetricPoint(string.Empty, string.Empty, Attributes(point, 7), value, null);
            }
        }

        foreach (var histogram in Messages(metric, 9))
        {
            foreach (var point in Messages(histogram, 1))
            {
                var fields = Fields(point).ToList();
                var count = fields.FirstOrDefault(f => f.Number == 4) is { Bytes.Length: 8 } c ? BinaryPrimitives.ReadUInt64LittleEndian(c.Bytes.Span) : 0;
                double? sum = fields.FirstOrDefault(f => f.Number == 5) is { Bytes.Length: 8 } s ? Double(s.Bytes) : null;
                yield return new OtlpMetricPoint(string.Empty, string.Empty, Attributes(point, 9), count, sum);
            }
        }
    }

    private static string ScopeName(ReadOnlyMemory<byte> scoped) =>
        Messages(scoped, 1).Select(scope => String(scope, 1)).FirstOrDefault() ?? string.Empty;

    /// <summary>KeyValue (key 1, AnyValue 2); AnyValue: string 1, bool 2, int 3, double 4. Other kinds are shown as "?".</summary>
    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>();
        foreach (var keyValue in Messages(message, field))
        {
            var key = String(keyValue, 1) ?? string.Empty;
            var any = Messages(keyValue, 2).FirstOrDefault();
            var value = Fields(any).FirstOrDefault();
            attributes[key] = value.Number switch
            {
                1 => Encoding.UTF8.GetString(value.Bytes.Span),
                2 => (value.Varint != 0).ToString(),
                3 => ((long)value.Varint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                4 => Double(value.Bytes).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => "?",
            };
        }

        return attributes;
    }

    private static double Double(ReadOnlyMemory<byte> fixed64) => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(fixed64.Span));

    private static string? String(ReadOnlyMemory<byte> message, int field) =>
        Messages(message, field).Select(bytes => Encoding.UTF8.GetString(bytes.Span)).FirstOrDefault();

    private static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 2).Select(f => f.Bytes);

    private readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes);

    private static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var at = 0;
        var span = message.Span;
        while (at < span.Length)
        {
            var tag = ReadVarint(span, ref at);
            var (number, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wireType)
            {
                case 0:
                    fields.Add(new Field(number, wireType, ReadVarint(span, ref at), default));
                    break;
                case 1:
                    fields.Add(new Field(number, wireType, 0, message.Slice(at, 8)));
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(span, ref at);
                    fields.Add(new Field(number, wireType, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    fields.Add(new Field(number, wireType, 0, message.Slice(at, 4)));
                    at += 4;
                    break;
                default:
                    throw new FormatException($"Wire type {wireType} is not protobuf the OTLP exporter sends.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
