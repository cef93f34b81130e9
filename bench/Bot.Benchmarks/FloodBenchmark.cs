using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Bot.Protocol.Schema;

namespace Bot.Benchmarks;

/// <summary>
/// Floods don't hurt real users: authenticated <c>help</c> turns at a fixed rate (100/s), once alone and once while
/// forged channel tokens arrive at 5,000/s from another source address (127.0.0.2, the bot listens on 127.0.0.1), and
/// the valid turns' latencies side by side. Open loop: a request's latency counts from its slot.
/// </summary>
internal static class FloodBenchmark
{
    public static async Task<string> RunAsync(BenchmarkOptions options, HttpClient client)
    {
        Console.WriteLine("Flood: starting the bot…");
        await using var bot = await BotUnderTest.StartAsync(options, client, recordConnectorCalls: false);
        var team = new BenchTeam(bot.Connector.ServiceUrl, "bench-tenant-flood", "19:flood@thread.tacv2", "Flood");
        var people = Enumerable.Range(0, 50).Select(i => BenchTeam.Person($"flood-{i}", $"Person {i}")).ToArray();
        var count = options.FloodValidRate * options.FloodSeconds;
        byte[][] Help(int n) => [.. Enumerable.Range(0, n).Select(i => JsonSerializer.SerializeToUtf8Bytes(team.Personal("help", people[i % people.Length]), ProtocolJson.Options))];

        Console.WriteLine($"Flood: warm-up, then {options.FloodSeconds} s of help at {options.FloodValidRate}/s alone");
        await ValidAsync(bot, client, Help(options.FloodValidRate * 5), options.FloodValidRate);
        var alone = await ValidAsync(bot, client, Help(count), options.FloodValidRate);

        Console.WriteLine($"Flood: {options.FloodSeconds} s of help at {options.FloodValidRate}/s with forged tokens at {options.FloodForgedRate}/s from 127.0.0.2");
        var forgedTokens = bot.ForgedTokens(1024);
        var forgedBody = JsonSerializer.SerializeToUtf8Bytes(team.Personal("help", people[0]), ProtocolJson.Options);
        using var floodHandler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 512,
            UseProxy = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var floodClient = new HttpClient(floodHandler) { Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var flood = FloodAsync(floodClient, bot.MessagesEndpoint, forgedBody, forgedTokens, options.FloodForgedRate, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var flooded = await ValidAsync(bot, client, Help(count), options.FloodValidRate);
        await stop.CancelAsync();
        var (forgedSent, statuses) = await flood;

        var p99Alone = alone.PercentileMs(99);
        var p99Flooded = flooded.PercentileMs(99);
        var pass = p99Flooded < 50 && p99Flooded <= 2 * p99Alone && flooded.Errors == 0;
        var text = new StringBuilder();
        text.AppendLine("## Flood (security issue, part 2)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Authenticated `help` turns in personal chats at {options.FloodValidRate}/s (open loop) for {options.FloodSeconds} s, alone and while forged channel tokens (random key ids, a key nobody published, otherwise valid claims) arrive at {options.FloodForgedRate}/s from 127.0.0.2; the load generator shares the machine with the bot.");
        text.AppendLine();
        text.AppendLine("| valid turns | requests | non-200 | p50 ms | p90 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, result) in new[] { ("without the flood", alone), ("with the flood", flooded) })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {result.Succeeded + result.Errors} | {result.Errors} | {result.PercentileMs(50):F2} | {result.PercentileMs(90):F2} | {result.PercentileMs(99):F2} | {result.MaxMs:F1} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Forged requests sent: {forgedSent} ({forgedSent / (double)(options.FloodSeconds + 2):F0}/s achieved); answers: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}.");
        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| valid p99 under the flood | < 50 ms and ≤ 2× without ({2 * p99Alone:F2} ms) | {p99Flooded:F2} ms (without: {p99Alone:F2} ms) | {(pass ? "PASS" : "MISS")} |");
        return text.ToString();
    }

    private static Task<LoadResult> ValidAsync(BotUnderTest bot, HttpClient client, byte[][] bodies, int rate) =>
        OpenLoopAsync(rate, bodies.Length, async (i, due) =>
        {
            using var request = bot.Request(bodies[i]);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return response.StatusCode;
        });

    private static async Task<(long Sent, Dictionary<string, long> Statuses)> FloodAsync(HttpClient client, Uri target, byte[] body, string[] tokens, int rate, CancellationToken stop)
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        long sent = 0;
        var inFlight = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        // Slots of 10 ms, each with its share of the rate: Task.Delay cannot wait 0.2 ms.
        for (var slot = 0; !stop.IsCancellationRequested; slot++)
        {
            var due = start + (long)(slot * 0.01 * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, CancellationToken.None);
            }

            for (var i = 0; i < rate / 100; i++)
            {
                var token = tokens[(int)(sent++ % tokens.Length)];
                inFlight.Add(Task.Run(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                    request.Headers.TryAddWithoutValidation("Authorization", token);
                    string outcome;
                    try
                    {
                        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                        outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        outcome = e.GetType().Name;
                    }

                    statuses.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }));
            }

            inFlight.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(inFlight);
        return (sent, new Dictionary<string, long>(statuses));
    }

    private static async Task<LoadResult> OpenLoopAsync(int rate, int count, Func<int, long, Task<HttpStatusCode>> send)
    {
        var latencies = new long[count];
        var errors = 0;
        string? firstError = null;
        var start = Stopwatch.GetTimestamp();
        var requests = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            requests.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await send(index, due);
                    latencies[index] = status == HttpStatusCode.OK ? Stopwatch.GetTimestamp() - due : -1;
                    if (status != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"HTTP {(int)status}", null);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                    latencies[index] = -1;
                }
            }));
        }

        await Task.WhenAll(requests);
        var succeeded = latencies.Where(l => l >= 0).ToArray();
        Array.Sort(succeeded);
        return new LoadResult(succeeded, errors, firstError, Stopwatch.GetElapsedTime(start));
    }
}
