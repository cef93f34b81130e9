using System.Diagnostics.Metrics;
using System.Net;
using Bot.Delivery;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Scheduling;
using Bot.Telemetry;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Quartz;

namespace Bot.IntegrationTests;

/// <summary>
/// What an operator's collector gets from a running bot: the bot exports over real OTLP/HTTP (protobuf) to a local
/// receiver, which decodes spans and data points back. The turns carry their activity ids and outcomes; the texts and
/// names that went through them are nowhere in the bytes. Without an endpoint, nothing is set up to export at all.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    // Unusual enough that finding it in an export can only mean the bot put it there.
    private const string SecretText = "Zitronenfalter Quartalsumsatz 4711";
    private const string SecretCardText = "Geheimprojekt Schwarzwald";
    private const string DownloadToken = "CfDJ8-made-up-signed-download-token";

    [Fact]
    public async Task Turns_reach_the_collector_with_their_ids_and_outcomes_and_without_texts_names_or_user_ids()
    {
        await using var receiver = new OtlpReceiver();
        await receiver.StartAsync();
        var bot = new BotApplication
        {
            HostSettings =
            {
                [TelemetryServiceCollectionExtensions.OtlpEndpointKey] = receiver.BaseAddress.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                // The SDK's own settings, read from configuration: export often, so the test need not wait a minute.
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "250",
                // The activity source is one per process, so this exporter also sees the spans of every other test
                // running beside it; the default queue (2,048) would drop some, this turn's among them.
                ["OTEL_BSP_MAX_QUEUE_SIZE"] = "1000000",
            },
        };
        await RunAsync(bot, async () =>
        {
            Assert.NotNull(bot.Services.GetService<TracerProvider>());

            var message = bot.Activities.PersonalMessage(SecretText);
            Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(message)).StatusCode);
            var click = bot.Activities.CardAction("help.unknown", new { note = SecretCardText });
            var clicked = await bot.SendAsync(click);
            // A download link holds a signed token in its path; made up here, it still reaches the route.
            using (var browser = bot.CreateClient())
            {
                await browser.GetAsync("/downloads/" + DownloadToken + "?secret=" + DownloadToken);
            }

            var forged = bot.Activities.PersonalMessage(SecretText);
            Assert.Equal(HttpStatusCode.Unauthorized, (await bot.SendAsync(forged, authorization: "Bearer forged")).StatusCode);

            // Spans and metrics travel in separate exports on their own clocks, and a turn's metric is recorded just
            // before its span ends: wait for each thing asserted below, not for one of them standing in for the rest.
            await receiver.WaitForAsync(r =>
                r.Spans.Any(s => s.Attributes.GetValueOrDefault(TurnTelemetry.ActivityIdAttribute) == message.Id)
                && r.Spans.Any(s => s.Attributes.GetValueOrDefault(TurnTelemetry.ActivityIdAttribute) == click.Id)
                && r.Spans.Any(s => s.Attributes.GetValueOrDefault(BotMetrics.OutcomeTag) == "refused-401")
                && r.Spans.Any(s => s.Attributes.GetValueOrDefault("url.path") == "/downloads/{token}")
                && r.Spans.Any(s => s.Attributes.GetValueOrDefault("url.full") == bot.Connector.ServiceUrl.TrimEnd('/'))
                && r.MetricPoints.Any(p => p.Name == "bot.turns" && p.Attributes.GetValueOrDefault(BotMetrics.OutcomeTag) == "refused-401"),
                TimeSpan.FromSeconds(60));

            var turn = Assert.Single(receiver.Spans, s => s.Attributes.GetValueOrDefault(TurnTelemetry.ActivityIdAttribute) == message.Id);
            Assert.Equal(("Bot", "turn message"), (turn.Scope, turn.Name));
            Assert.Equal(("message", "ok", "msteams"), (turn.Attributes[BotMetrics.ActivityTypeTag], turn.Attributes[BotMetrics.OutcomeTag], turn.Attributes[TurnTelemetry.ChannelIdAttribute]));
            Assert.True(double.Parse(turn.Attributes[TurnTelemetry.DatabaseTimeAttribute], System.Globalization.CultureInfo.InvariantCulture) > 0, "the turn read and wrote the database");
            var cardTurn = Assert.Single(receiver.Spans, s => s.Attributes.GetValueOrDefault(TurnTelemetry.ActivityIdAttribute) == click.Id);
            Assert.Equal(("turn invoke", "invoke", (int)clicked.StatusCode == 200 ? "ok" : "unhandled"), (cardTurn.Name, cardTurn.Attributes[BotMetrics.ActivityTypeTag], cardTurn.Attributes[BotMetrics.OutcomeTag]));
            // A refused request's ids are the sender's invention: the span says what happened, not what it claimed to be.
            var refused = receiver.Spans.Where(s => s.Attributes.GetValueOrDefault(BotMetrics.OutcomeTag) == "refused-401").ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, span => Assert.False(span.Attributes.ContainsKey(TurnTelemetry.ActivityIdAttribute)));

            var turns = receiver.MetricPoints.Where(p => p.Scope == "Bot" && p.Name == "bot.turns").ToList();
            Assert.Contains(turns, p => p.Attributes[BotMetrics.ActivityTypeTag] == "message" && p.Attributes[BotMetrics.OutcomeTag] == "ok" && p.Value >= 1);
            Assert.Contains(turns, p => p.Attributes[BotMetrics.ActivityTypeTag] == "invoke" && p.Value >= 1);
            Assert.Contains(receiver.MetricPoints, p => p.Name == "bot.turn.duration" && p.Attributes[BotMetrics.ActivityTypeTag] == "message" && p.Value >= 1 && p.HistogramSum > 0);
            Assert.Contains(receiver.MetricPoints, p => p.Name == "bot.turn.database.duration" && p.Attributes[BotMetrics.ActivityTypeTag] == "message" && p.HistogramSum > 0);
            // The other instrumentations came along: the request span of ASP.NET Core and the connector call of HttpClient.
            Assert.Contains(receiver.Spans, s => s.Attributes.GetValueOrDefault("http.route") == "/api/messages");
            Assert.Contains(receiver.Spans, s => s.Attributes.GetValueOrDefault("url.path") == "/downloads/{token}");
            Assert.Contains(receiver.Spans, s => s.Attributes.GetValueOrDefault("url.full") == bot.Connector.ServiceUrl.TrimEnd('/'));

            string[] forbidden =
            [
                SecretText, SecretCardText, "Zitronenfalter", "Schwarzwald", TeamsActivities.Anna.Name!, "Anna", "Schmidt",
                TeamsActivities.AnnaId, TeamsActivities.AnnaAadObjectId, TeamsActivities.PersonalConversationId, TeamsActivities.TenantId,
                BotApplication.AppPassword, "Bearer", DownloadToken,
            ];
            Assert.All(forbidden, text => Assert.False(receiver.Received(text), $"'{text}' was exported"));
        });
    }

    [Fact]
    public async Task Without_an_endpoint_no_exporter_or_listener_is_set_up()
    {
        var bot = new BotApplication { HostSettings = { [TelemetryServiceCollectionExtensions.OtlpEndpointKey] = " " } };
        await RunAsync(bot, async () =>
        {
            Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(bot.Activities.PersonalMessage("help"))).StatusCode);

            Assert.Null(bot.Services.GetService<TracerProvider>());
            Assert.Null(bot.Services.GetService<MeterProvider>());
        });
    }

    [Fact]
    public async Task Turns_are_counted_by_type_and_outcome_and_a_redelivery_is_told_apart()
    {
        var bot = new BotApplication();
        await RunAsync(bot, async () =>
        {
            var meters = bot.Services.GetRequiredService<IMeterFactory>();
            using var turns = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.turns");
            using var databaseTime = new MetricCollector<double>(meters, BotMetrics.MeterName, "bot.turn.database.duration");

            var help = bot.Activities.PersonalMessage("help");
            await bot.SendAsync(help);
            await bot.SendAsync(help);
            await bot.SendAsync(bot.Activities.PersonalMessage("help"), authorization: "Bearer forged");

            Assert.Equal(
                [("message", "ok"), ("message", "redelivered"), ("message", "refused-401")],
                turns.GetMeasurementSnapshot().Select(m => ((string)m.Tags[BotMetrics.ActivityTypeTag]!, (string)m.Tags[BotMetrics.OutcomeTag]!)));
            Assert.True(databaseTime.GetMeasurementSnapshot()[0].Value > 0);
        });
    }

    [Fact]
    public async Task The_scheduler_tells_the_misfire_counter()
    {
        var bot = new BotApplication();
        await RunAsync(bot, async () =>
        {
            var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

            Assert.Contains(scheduler.ListenerManager.GetTriggerListeners(), listener => listener is MisfireCounter);
        });
    }

    [Fact]
    public async Task Outbox_retries_dead_letters_and_backlog_are_measured()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var bot = new BotApplication { Clock = clock, Settings = { ["Delivery:MaxAttempts"] = "2" } };
        await RunAsync(bot, async () =>
        {
            var meters = bot.Services.GetRequiredService<IMeterFactory>();
            using var retries = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.outbox.retries");
            using var deadLetters = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.outbox.dead_letters");
            using var sent = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.outbox.sent");
            using var backlog = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.outbox.backlog");
            // An authenticated turn first, so the connector's serviceUrl is one the bot may call.
            await bot.SendAsync(bot.Activities.PersonalMessage("help"));

            bot.Connector.FailNext(503, times: 2);
            await EnqueueAsync(bot, OutboundKinds.TeamNote);
            await bot.OutboxSettledAsync();
            clock.Advance(TimeSpan.FromMinutes(5));
            await bot.OutboxSettledAsync();

            bot.Connector.FailNext(429, retryAfterSeconds: 600);
            await EnqueueAsync(bot, OutboundKinds.PersonalNote);
            await bot.OutboxSettledAsync();
            await BacklogReachesAsync(bot, clock, backlog, 1);
            clock.Advance(TimeSpan.FromMinutes(11));
            await bot.OutboxSettledAsync();
            await BacklogReachesAsync(bot, clock, backlog, 0);

            Assert.Equal(
                [(OutboundKinds.TeamNote, "http-503"), (OutboundKinds.PersonalNote, "http-429")],
                retries.GetMeasurementSnapshot().Select(m => ((string)m.Tags[BotMetrics.KindTag]!, (string)m.Tags[BotMetrics.ErrorTag]!)));
            Assert.Equal([(OutboundKinds.TeamNote, "http-503")], deadLetters.GetMeasurementSnapshot().Select(m => ((string)m.Tags[BotMetrics.KindTag]!, (string)m.Tags[BotMetrics.ErrorTag]!)));
            Assert.Equal([OutboundKinds.PersonalNote], sent.GetMeasurementSnapshot().Select(m => (string)m.Tags[BotMetrics.KindTag]!));
        });
    }

    [Fact]
    public async Task A_copy_waiting_for_the_first_is_a_claim_wait_and_a_reply_the_connector_did_not_take_is_a_retry()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var bot = new BotApplication { Clock = clock, Settings = { ["Delivery:ReplyTimeout"] = "00:00:01" } };
        await RunAsync(bot, async () =>
        {
            var meters = bot.Services.GetRequiredService<IMeterFactory>();
            using var turns = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.turns");
            using var waits = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.turn.claim.waits");
            using var waited = new MetricCollector<double>(meters, BotMetrics.MeterName, "bot.turn.claim.wait.duration");
            using var retries = new MetricCollector<long>(meters, BotMetrics.MeterName, "bot.outbox.retries");
            var help = bot.Activities.PersonalMessage("help");
            // The first copy's reply hangs until the reply timeout hands it to the outbox; the copy comes meanwhile.
            bot.Connector.HangNext();
            var attempts = bot.Connector.Attempts;

            var first = bot.SendAsync(help);
            var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
            while (bot.Connector.Attempts == attempts && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            var copy = bot.SendAsync(help);
            Assert.All(await Task.WhenAll(first, copy), answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));

            var wait = Assert.Single(waits.GetMeasurementSnapshot());
            Assert.Equal(("message", "answered"), (wait.Tags[BotMetrics.ActivityTypeTag], wait.Tags[BotMetrics.ClaimResultTag]));
            Assert.InRange(Assert.Single(waited.GetMeasurementSnapshot()).Value, 0.01, 15);
            Assert.Equal(
                [("message", "ok"), ("message", "redelivered")],
                turns.GetMeasurementSnapshot().Select(m => ((string)m.Tags[BotMetrics.ActivityTypeTag]!, (string)m.Tags[BotMetrics.OutcomeTag]!)).Order());
            Assert.Equal([(OutboundKinds.Reply, "timeout")], retries.GetMeasurementSnapshot().Select(m => ((string)m.Tags[BotMetrics.KindTag]!, (string)m.Tags[BotMetrics.ErrorTag]!)));
        });
    }

    /// <summary>The worker counts at most once a second of its clock, after a pass: move the clock and wake it until the gauge agrees.</summary>
    private static async Task BacklogReachesAsync(BotApplication bot, FakeTimeProvider clock, MetricCollector<long> backlog, long expected)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            backlog.RecordObservableInstruments();
            if (backlog.LastMeasurement?.Value == expected)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The backlog gauge stayed at {backlog.LastMeasurement?.Value} instead of {expected}.");
            clock.Advance(TimeSpan.FromSeconds(2));
            bot.Services.GetRequiredService<OutboxSignal>().Notify();
            await Task.Delay(50);
        }
    }

    /// <summary>Runs a test on its own bot and cleans up after it: the host, the fakes and the test database.</summary>
    private static async Task RunAsync(BotApplication bot, Func<Task> test)
    {
        try
        {
            await bot.InitializeAsync();
            await test();
        }
        finally
        {
            await ((IAsyncLifetime)bot).DisposeAsync();
        }
    }

    private static async Task EnqueueAsync(BotApplication bot, string kind)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        scope.ServiceProvider.GetRequiredService<Outbox>().ToConversation(
            kind, TeamsActivities.TeamId, TeamsActivities.TenantId, bot.Connector.ServiceUrl, TeamsActivities.PersonalConversationId, MessageFactory.Text("note"));
        await database.SaveChangesAsync();
    }
}

/// <summary>
/// The activity source and meter are one per process, so while these tests export, every other test's turns would be
/// exported too and crowd the batches (a full run once saw hundreds of exports and still missed a turn): they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry, alone in the process";
}
