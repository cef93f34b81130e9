using System.Collections.Concurrent;
using System.Text.Json;
using Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Testing;

/// <summary>
/// A loopback Bot Connector: implements the <c>v3/conversations/…</c> routes Teams serves, hands out ids, records
/// every call the bot makes, and on demand answers with throttling or failures first.
/// </summary>
public sealed class FakeConnectorServer : LoopbackServer
{
    private readonly ConcurrentQueue<ScriptedFailure> _failures = new();
    private readonly ConcurrentQueue<TimeSpan> _lateAnswers = new();
    private readonly List<ConnectorCall> _calls = [];
    private readonly SemaphoreSlim _callArrived = new(0);
    private int _nextId;
    private int _attempts;

    /// <summary>The bot's <c>serviceUrl</c> for activities that should be answered through this server.</summary>
    public string ServiceUrl => BaseAddress.AbsoluteUri;

    public List<ChannelAccount> Members { get; } = [];

    /// <summary>
    /// Off for load tests: a benchmark sends tens of thousands of replies, and keeping each parsed body would grow the
    /// load generator's heap and GC work through the run. Ids are still handed out and <see cref="Attempts"/> counted.
    /// </summary>
    public bool RecordCalls { get; init; } = true;

    /// <summary>Every successful call, in order.</summary>
    public IReadOnlyList<ConnectorCall> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Every request including refused ones, to count retries.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<ConnectorCall> Sent => [.. Calls.Where(call => call.Kind is CallKind.Send or CallKind.Reply)];

    /// <summary>The next request gets <paramref name="statusCode"/> (with <paramref name="retryAfterSeconds"/> when given) instead of success.</summary>
    public void FailNext(int statusCode, int? retryAfterSeconds = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue(new ScriptedFailure(statusCode, retryAfterSeconds));
        }
    }

    /// <summary>The next request gets no answer at all until the caller gives up, like a connector that hangs.</summary>
    public void HangNext() => _failures.Enqueue(new ScriptedFailure(0, null, Hang: true));

    /// <summary>
    /// The next request is taken and recorded at once, as a connector that has done its work, but its answer leaves only
    /// after <paramref name="delay"/> (wall clock), whatever the caller does meanwhile.
    /// </summary>
    public void AnswerNextLate(TimeSpan delay) => _lateAnswers.Enqueue(delay);

    /// <summary>Waits until at least <paramref name="count"/> calls were recorded; sends made in the background arrive late.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForCallsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Calls.Count < count)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero || !await _callArrived.WaitAsync(remaining))
            {
                throw new TimeoutException($"Expected {count} connector calls, got {Calls.Count}.");
            }
        }

        return Calls;
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _attempts);
            if (_failures.TryDequeue(out var failure))
            {
                if (failure.Hang)
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    return;
                }

                context.Response.StatusCode = failure.StatusCode;
                if (failure.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.Response.WriteAsJsonAsync(new { error = new { code = "Scripted", message = "Scripted failure" } });
                return;
            }

            await next(context);
        });

        app.MapPost("/v3/conversations/{conversationId}/activities", async (string conversationId, HttpRequest request) =>
            Results.Json(new { id = await RecordAsync(CallKind.Send, conversationId, null, request) }));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
            Results.Json(new { id = await RecordAsync(CallKind.Reply, conversationId, activityId, request) }));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
        {
            await RecordAsync(CallKind.Update, conversationId, activityId, request);
            return Results.Json(new { id = activityId });
        });
        app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", async (string conversationId, string activityId, HttpRequest request) =>
        {
            await RecordAsync(CallKind.Delete, conversationId, activityId, request);
            return Results.Ok();
        });
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            var id = await RecordAsync(CallKind.CreateConversation, null, null, request);
            return Results.Json(new { id = "a:created-" + id, activityId = id, serviceUrl = ServiceUrl });
        });
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", async (string conversationId, string memberId, HttpRequest request) =>
        {
            await RecordAsync(CallKind.GetMember, conversationId, memberId, request);
            var member = Members.FirstOrDefault(m => m.Id == memberId || m.AadObjectId == memberId);
            return member is null
                ? Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "not found" } }, statusCode: 404)
                : Results.Json(member, ProtocolJson.Options);
        });
        app.MapGet("/v3/conversations/{conversationId}/pagedmembers", async (string conversationId, int? pageSize, string? continuationToken, HttpRequest request) =>
        {
            await RecordAsync(CallKind.GetPagedMembers, conversationId, null, request);
            var start = continuationToken is null ? 0 : int.Parse(continuationToken, System.Globalization.CultureInfo.InvariantCulture);
            var size = pageSize ?? 100;
            var page = Members.Skip(start).Take(size).ToList();
            var next = start + size < Members.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Results.Json(new PagedMembersResult { Members = page, ContinuationToken = next }, ProtocolJson.Options);
        });
    }

    private async Task<string> RecordAsync(CallKind kind, string? conversationId, string? activityId, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!RecordCalls)
        {
            return "activity-" + id;
        }

        var call = new ConnectorCall(
            kind,
            conversationId,
            activityId,
            request.Headers.Authorization.ToString(),
            body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone(),
            "activity-" + id)
        {
            At = DateTimeOffset.UtcNow,
        };
        lock (_calls)
        {
            _calls.Add(call);
        }

        _callArrived.Release();
        if (_lateAnswers.TryDequeue(out var delay))
        {
            await Task.Delay(delay, CancellationToken.None);
        }

        return call.AssignedId;
    }

    private sealed record ScriptedFailure(int StatusCode, int? RetryAfterSeconds, bool Hang = false);
}

public enum CallKind
{
    Send,
    Reply,
    Update,
    Delete,
    CreateConversation,
    GetMember,
    GetPagedMembers,
}

/// <summary>One call the bot made to the connector; <see cref="Body"/> is the JSON it sent.</summary>
public sealed record ConnectorCall(CallKind Kind, string? ConversationId, string? ActivityId, string Authorization, JsonElement? Body, string AssignedId)
{
    /// <summary>When the fake received it (wall clock): benchmarks measure how late a scheduled message arrived.</summary>
    public DateTimeOffset At { get; init; }

    public Activity? Activity => Body is { } body ? body.Deserialize<Activity>(ProtocolJson.Options) : null;

    /// <summary>All text a person would read: the message text and every TextBlock/Fact in its cards.</summary>
    public string VisibleText => Body is { } body ? string.Join("\n", CollectText(body)) : string.Empty;

    private static IEnumerable<string> CollectText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "text" or "title" or "value" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        yield return property.Value.GetString()!;
                    }
                    else
                    {
                        foreach (var text in CollectText(property.Value))
                        {
                            yield return text;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var text in CollectText(item))
                    {
                        yield return text;
                    }
                }

                break;
        }
    }
}
