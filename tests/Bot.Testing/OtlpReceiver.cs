using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Testing;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on 127.0.0.1 (<c>http/protobuf</c>): it takes
/// <c>POST /v1/traces</c> and <c>POST /v1/metrics</c>, keeps every body as it came, and answers 200 with an empty
/// export response, as a collector that accepted everything does.
/// </summary>
public sealed class OtlpReceiver : LoopbackServer
{
    public ConcurrentQueue<byte[]> Traces { get; } = new();

    public ConcurrentQueue<byte[]> Metrics { get; } = new();

    /// <summary>Every body received, traces and metrics, for searching the raw bytes (protobuf strings are plain UTF-8).</summary>
    public IEnumerable<byte[]> Bodies => Traces.Concat(Metrics);

    public IEnumerable<OtlpSpan> Spans => Traces.SelectMany(OtlpProtobuf.Spans);

    public IEnumerable<OtlpMetricPoint> MetricPoints => Metrics.SelectMany(OtlpProtobuf.MetricPoints);

    /// <summary>Whether <paramref name="text"/> appears in any body, as UTF-8 (how protobuf stores strings) or UTF-16.</summary>
    public bool Received(string text) => Bodies.Any(body =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || body.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0);

    /// <summary>Polls until <paramref name="condition"/> holds; the exporters send on their own schedule.</summary>
    public async Task WaitForAsync(Func<OtlpReceiver, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The OTLP receiver did not get what was expected in time ({Traces.Count} trace and {Metrics.Count} metric exports arrived).");
            }

            await Task.Delay(50);
        }
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapPost("/v1/traces", context => ReceiveAsync(context, Traces));
        app.MapPost("/v1/metrics", context => ReceiveAsync(context, Metrics));
    }

    private static async Task ReceiveAsync(HttpContext context, ConcurrentQueue<byte[]> into)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        into.Enqueue(buffer.ToArray());
        context.Response.ContentType = "application/x-protobuf";
    }
}
