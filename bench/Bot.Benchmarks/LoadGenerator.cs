using System.Diagnostics;
using System.Net;

namespace Bot.Benchmarks;

/// <summary>One request's worth of input: a fresh activity body and the Authorization header value to send with it.</summary>
internal delegate (byte[] Body, string Authorization) RequestFactory();

/// <summary>
/// A closed-loop load generator: <c>connections</c> workers, each sending its next request as soon as the previous one
/// answered, over a pool of as many keep-alive connections. Every request is timed from before SendAsync to the end of
/// the response body with <see cref="Stopwatch.GetTimestamp"/>.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, Uri target, RequestFactory nextRequest, int connections)
{
    public async Task<LoadResult> RunAsync(TimeSpan duration, bool record)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task<WorkerResult>[connections];
        for (var i = 0; i < connections; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(end, record));
        }

        var results = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start, results.Max(r => r.LastCompletion));
        var latencies = results.SelectMany(r => r.Latencies).ToArray();
        Array.Sort(latencies);
        var errors = results.Sum(r => r.Errors);
        var firstError = results.Select(r => r.FirstError).FirstOrDefault(e => e is not null);
        return new LoadResult(latencies, errors, firstError, elapsed);
    }

    private async Task<WorkerResult> WorkAsync(long end, bool record)
    {
        var latencies = new List<long>(record ? 16_384 : 0);
        var errors = 0;
        string? firstError = null;
        var lastCompletion = Stopwatch.GetTimestamp();
        while (Stopwatch.GetTimestamp() < end)
        {
            var (body, authorization) = nextRequest();
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                lastCompletion = Stopwatch.GetTimestamp();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    if (record)
                    {
                        latencies.Add(lastCompletion - sent);
                    }
                }
                else
                {
                    errors++;
                    firstError ??= $"HTTP {(int)response.StatusCode}";
                }
            }
            catch (HttpRequestException e)
            {
                lastCompletion = Stopwatch.GetTimestamp();
                errors++;
                firstError ??= e.Message;
            }
        }

        return new WorkerResult(latencies, errors, firstError, lastCompletion);
    }

    private sealed record WorkerResult(List<long> Latencies, int Errors, string? FirstError, long LastCompletion);
}

/// <summary>Latencies of the successful requests in Stopwatch ticks, sorted.</summary>
internal sealed record LoadResult(long[] Latencies, int Errors, string? FirstError, TimeSpan Elapsed)
{
    public int Succeeded => Latencies.Length;
    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    public double PercentileMs(double percentile)
    {
        if (Latencies.Length == 0)
        {
            return double.NaN;
        }

        // Nearest rank: the smallest latency that at least this share of requests did not exceed.
        var rank = (int)Math.Ceiling(percentile / 100 * Latencies.Length);
        return TicksToMs(Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)]);
    }

    public double MaxMs => Latencies.Length == 0 ? double.NaN : TicksToMs(Latencies[^1]);

    private static double TicksToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
