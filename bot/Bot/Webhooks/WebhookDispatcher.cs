using Bot.Posts;
using System.Globalization;
using System.Text;
using Bot.Hosting;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Webhooks;

/// <summary>Wakes the dispatcher when a delivery is written, so the first attempt does not wait for the next poll.</summary>
public sealed class WebhookSignal : WakeUpSignal;

/// <summary>
/// Sends pending webhook deliveries and retries failed ones with growing pauses: 1 min, 5 min, 15 min, 1 h, 4 h, 12 h,
/// then gives up (about 17 hours after the approval), because a receiver down for longer needs a person, and
/// <c>webhook status</c> shows it. Any 2xx counts as delivered; anything else, a timeout or no connection is retried.
/// </summary>
/// <remarks>
/// One bot instance sends; should two ever run, a delivery may go out twice, which the delivery id lets receivers ignore.
/// </remarks>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    WebhookSignal signal,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : WakeUpWorker(signal, timeProvider)
{
    /// <summary>The <c>LastError</c> of an attempt whose address now resolves somewhere the bot may not call.</summary>
    public const string DestinationRefusedError = "destination-refused";

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromHours(12)];

    public static int MaxAttempts => Backoff.Count + 1;

    protected override async Task<TimeSpan> PassAsync(CancellationToken stoppingToken)
    {
        while (await SendNextDueAsync(stoppingToken))
        {
        }

        return PollInterval;
    }

    protected override TimeSpan PassFailed(Exception exception)
    {
        LogRoundFailed(logger, exception);
        return PollInterval;
    }

    /// <summary>Sends the delivery that has waited longest, if one is due; false when none is.</summary>
    private async Task<bool> SendNextDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var settings = scope.ServiceProvider.GetRequiredService<WebhookSettings>();
        var now = Clock.GetUtcNow();
        var delivery = await database.WebhookDeliveries
            .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        var webhook = await settings.OfAsync(delivery.TeamId, cancellationToken);
        var secret = webhook is null ? null : settings.SecretOf(webhook);
        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        if (webhook is null || secret is null)
        {
            delivery.State = WebhookDeliveryState.Failed;
            delivery.NextAttemptAt = null;
            delivery.LastStatus = null;
            delivery.LastError = webhook is null ? "webhook-removed" : "secret-unreadable";
            await database.SaveChangesAsync(cancellationToken);
            LogGaveUp(logger, delivery.Id, delivery.TeamId, delivery.Attempts, delivery.LastError);
            return true;
        }

        var (status, error) = await PostAsync(webhook.Url, secret, delivery, now, cancellationToken);
        delivery.LastStatus = status;
        delivery.LastError = error;
        if (status is >= 200 and < 300)
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.DeliveredAt = now;
            delivery.NextAttemptAt = null;
            LogDelivered(logger, delivery.Id, delivery.TeamId, delivery.Attempts, status.Value);
        }
        else if (delivery.Attempts >= MaxAttempts)
        {
            delivery.State = WebhookDeliveryState.Failed;
            delivery.NextAttemptAt = null;
            LogGaveUp(logger, delivery.Id, delivery.TeamId, delivery.Attempts, error ?? status?.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            delivery.NextAttemptAt = now + Backoff[delivery.Attempts - 1];
            LogRetrying(logger, delivery.Id, delivery.TeamId, delivery.Attempts, status, error, delivery.NextAttemptAt.Value);
        }

        await database.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<(int? Status, string? Error)> PostAsync(string url, string secret, WebhookDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, body));
        request.Headers.Add(WebhookSignature.TimestampHeader, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString("D"));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        try
        {
            using var response = await httpClients.CreateClient(UserSuppliedUrls.HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return ((int)response.StatusCode, null);
        }
        catch (HttpRequestException e) when (e.InnerException is DestinationRefusedException)
        {
            // Which address and why stays out of the record: webhook status would show it to the team.
            return (null, DestinationRefusedError);
        }
        catch (HttpRequestException)
        {
            return (null, "connection");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} for team {TeamId} delivered on attempt {Attempt} with HTTP {Status}")]
    private static partial void LogDelivered(ILogger logger, Guid deliveryId, string teamId, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} for team {TeamId} failed on attempt {Attempt} (HTTP {Status}, {Error}); next attempt at {NextAttemptAt}")]
    private static partial void LogRetrying(ILogger logger, Guid deliveryId, string teamId, int attempt, int? status, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} for team {TeamId} given up after {Attempts} attempts ({Reason})")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, string teamId, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook dispatch round failed; retrying on the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

internal static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddScoped<WebhookSettings>();
        services.AddSingleton<WebhookSignal>();
        services.AddScoped<IPostChangeSubscriber, WebhookOnApproval>();
        // Deliveries go through the client for user-supplied URLs (Hosting/UserSuppliedUrls.cs), which refuses internal
        // destinations at connect time and follows no redirect; the dispatcher owns retries.
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
