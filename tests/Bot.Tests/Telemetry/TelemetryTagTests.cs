using System.Diagnostics.Metrics;
using Bot.Protocol.Hosting;
using Bot.Protocol.Schema;
using Bot.Scheduling;
using Bot.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Quartz;

namespace Bot.Tests.Telemetry;

/// <summary>
/// Tag values decide how many series a metrics backend keeps: one per kind of event is affordable, one per post,
/// conversation or made-up activity type is not. These pin the mapping from what the bot sees to the few values it reports.
/// </summary>
public sealed class TelemetryTagTests
{
    [Theory]
    [InlineData("message", "message")]
    [InlineData("MESSAGE", "message")]
    [InlineData("invoke", "invoke")]
    [InlineData("installationUpdate", "installationUpdate")]
    [InlineData("made-up-type-4711", "other")]
    [InlineData(null, "none")]
    public void Activity_types_map_onto_the_types_Teams_sends(string? type, string expected) =>
        Assert.Equal(expected, TurnTags.TypeOf(type));

    [Theory]
    [InlineData(200, "ok")]
    [InlineData(202, "ok")]
    [InlineData(400, "refused-400")]
    [InlineData(401, "refused-401")]
    [InlineData(405, "refused-405")]
    [InlineData(413, "refused-413")]
    [InlineData(429, "refused-429")]
    [InlineData(500, "failed")]
    [InlineData(501, "unhandled")]
    [InlineData(503, "failed")]
    public void Answers_map_onto_outcomes(int status, string expected) =>
        Assert.Equal(expected, TurnTags.OutcomeOf(new TurnObservation(), status));

    [Fact]
    public void A_copy_answered_from_the_ledger_is_a_redelivery_whatever_its_status()
    {
        var observation = new TurnObservation();
        observation.AnsweredFromLedger();

        Assert.Equal("redelivered", TurnTags.OutcomeOf(observation, 200));
    }

    [Fact]
    public void Span_names_are_made_once_per_known_type()
    {
        Assert.Equal("turn invoke", TurnTags.SpanNameOf(ActivityTypes.Invoke));
        Assert.Same(TurnTags.SpanNameOf(ActivityTypes.Message), TurnTags.SpanNameOf(ActivityTypes.Message));
    }

    [Fact]
    public void Claim_waits_are_counted_by_normalised_type()
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<BotMetrics>().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var waits = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.turn.claim.waits");
        using var waited = new MetricCollector<double>(meters, BotMetrics.MeterName, "bot.turn.claim.wait.duration");

        services.GetRequiredService<BotMetrics>().ClaimWaited("Invoke", TimeSpan.FromMilliseconds(250), gotAnswer: false);

        var wait = Assert.Single(waits.GetMeasurementSnapshot());
        Assert.Equal(("invoke", "gave-up"), (wait.Tags[BotMetrics.ActivityTypeTag], wait.Tags[BotMetrics.ClaimResultTag]));
        Assert.Equal(0.25, Assert.Single(waited.GetMeasurementSnapshot()).Value);
    }

    [Theory]
    [InlineData("post-6d2f6a8e2f1e4a719a4e0f1a2b3c4d5e", "post")]
    [InlineData("digest", "digest")]
    [InlineData("recurring", "recurring")]
    public async Task Misfires_are_tagged_with_the_kind_of_job_not_the_entity(string group, string expected)
    {
        using var services = new ServiceCollection().AddMetrics().AddSingleton<BotMetrics>().BuildServiceProvider();
        using var misfires = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), BotMetrics.MeterName, "bot.scheduler.misfires");
        var trigger = TriggerBuilder.Create().WithIdentity("Review", group).ForJob("Review", group).StartNow().Build();

        await new MisfireCounter(services.GetRequiredService<BotMetrics>()).TriggerMisfired(trigger, null!);

        Assert.Equal(expected, Assert.Single(misfires.GetMeasurementSnapshot()).Tags[BotMetrics.JobGroupTag]);
    }
}
