using System.Diagnostics.Metrics;
using Bot.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Bot.Tests.Telemetry;

/// <summary>
/// The ingress benchmark measures <c>help</c> turns on a bot nobody watches, so the turn wrapper must cost nothing there:
/// no allocation, only the "is anyone listening?" checks. Once something listens, the same call measures.
/// </summary>
public sealed class TurnTelemetryTests
{
    private static readonly RequestDelegate Adapter = _ => Task.CompletedTask;

    [Fact]
    public async Task A_turn_nobody_watches_allocates_nothing_for_telemetry()
    {
        using var services = Services();
        var telemetry = services.GetRequiredService<TurnTelemetry>();
        var context = new DefaultHttpContext();
        await telemetry.InvokeAsync(context, Adapter);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            await telemetry.InvokeAsync(context, Adapter);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task A_watched_turn_is_measured_by_the_same_call()
    {
        using var services = Services();
        using var turns = new MetricCollector<long>(services.GetRequiredService<IMeterFactory>(), BotMetrics.MeterName, "bot.turns");
        var context = new DefaultHttpContext();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;

        await services.GetRequiredService<TurnTelemetry>().InvokeAsync(context, Adapter);

        var turn = Assert.Single(turns.GetMeasurementSnapshot());
        Assert.Equal(("none", "refused-401"), (turn.Tags[BotMetrics.ActivityTypeTag], turn.Tags[BotMetrics.OutcomeTag]));
    }

    private static ServiceProvider Services() =>
        new ServiceCollection().AddMetrics().AddSingleton<BotMetrics>().AddSingleton<TurnTelemetry>().BuildServiceProvider();
}
