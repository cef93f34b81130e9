using System.Diagnostics;
using Bot.Persistence;
using Bot.Protocol.Hosting;

namespace Bot.Telemetry;

/// <summary>
/// Wraps the messaging endpoint: one span per turn (<c>turn message</c>, <c>turn invoke</c>, …) on the activity source
/// <c>Bot</c> carrying the activity id, type, channel and outcome, plus the turn metrics and the turn's database time.
/// Never the text, a name or a user id: those stay in the activity, which nothing here reads beyond the ids.
/// </summary>
public sealed class TurnTelemetry(BotMetrics metrics)
{
    public const string ActivitySourceName = BotMetrics.MeterName;

    public const string ActivityIdAttribute = "bot.activity.id";
    public const string ChannelIdAttribute = "bot.channel.id";
    public const string DatabaseTimeAttribute = "bot.turn.database_ms";

    // ActivitySource has no factory like IMeterFactory; one per process is how .NET means it to be used.
    private static readonly ActivitySource Source = new(ActivitySourceName);

    public Task InvokeAsync(HttpContext context, RequestDelegate adapter) =>
        Source.HasListeners() || metrics.TurnsWatched ? ObserveAsync(context, adapter) : adapter(context);

    private async Task ObserveAsync(HttpContext context, RequestDelegate adapter)
    {
        var observation = new TurnObservation();
        context.Features.Set(observation);
        using var span = Source.StartActivity("turn");
        var databaseTime = metrics.DatabaseTimeWatched || span is not null ? DatabaseTime.Start() : null;
        var started = Stopwatch.GetTimestamp();
        var outcome = TurnTags.Failed;
        try
        {
            await adapter(context);
            outcome = TurnTags.OutcomeOf(observation, context.Response.StatusCode);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            outcome = TurnTags.Cancelled;
            throw;
        }
        finally
        {
            var type = TurnTags.TypeOf(observation.Activity?.Type);
            metrics.TurnEnded(type, outcome, Stopwatch.GetElapsedTime(started), metrics.DatabaseTimeWatched ? databaseTime?.Elapsed : null);
            if (span is not null)
            {
                Describe(span, observation, type, outcome, databaseTime);
            }
        }
    }

    private static void Describe(Activity span, TurnObservation observation, string type, string outcome, DatabaseTime? databaseTime)
    {
        span.DisplayName = TurnTags.SpanNameOf(type);
        span.SetTag(BotMetrics.ActivityTypeTag, type);
        span.SetTag(BotMetrics.OutcomeTag, outcome);
        // The ids of a request that failed authentication are whatever its sender wrote; they are not worth keeping.
        if (outcome != TurnTags.Unauthenticated && observation.Activity is { } activity)
        {
            span.SetTag(ActivityIdAttribute, activity.Id);
            span.SetTag(ChannelIdAttribute, activity.ChannelId);
        }

        if (databaseTime is not null)
        {
            span.SetTag(DatabaseTimeAttribute, databaseTime.Elapsed.TotalMilliseconds);
        }

        if (outcome == TurnTags.Failed)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
