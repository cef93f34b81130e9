using System.Net;
using System.Text.Json;
using Bot.Protocol.Authentication;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Bot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Protocol.Hosting;

/// <summary>
/// Takes <c>POST /api/messages</c>, authenticates, runs the bot and answers with the status codes the SDK's
/// <c>CloudAdapter</c> uses: 405 for other verbs, 413 for a body over 256 KB, 400 for a body without an activity type (or without
/// the serviceUrl, conversation and recipient an answer needs), 401 for any authentication
/// failure (empty body, nothing processed), 200 for accepted activities, and for invokes the handler's status and body
/// (501 when no handler took it).
/// </summary>
public sealed partial class CloudAdapter(
    ChannelTokenValidator tokenValidator,
    ConnectorClientFactory connectorClientFactory,
    ServiceUrlAllowList serviceUrls,
    FailedAuthenticationLimiter failedAuthentication,
    IOptions<BotFrameworkAuthenticationOptions> options,
    IEnumerable<ITurnErrorHandler> turnErrorHandlers,
    IEnumerable<IReplyOutbox> replyOutboxes,
    ILogger<CloudAdapter> logger) : BotAdapter
{
    private readonly IReplyOutbox? _replyOutbox = replyOutboxes.FirstOrDefault();

    /// <summary>Set once a reply of the turn was queued: the turn's later replies queue behind it, keeping their order.</summary>
    private const string RepliesQueuedKey = "CloudAdapter.RepliesQueued";

    public const int MaxActivityBytes = 256 * 1024;

    public async Task ProcessAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var source = request.HttpContext.Connection.RemoteIpAddress;
        if (options.Value.IsAuthenticationEnabled
            && failedAuthentication.Limited(source) is { } wait
            && !await tokenValidator.VerifiesWithoutBodyAsync(request.Headers.Authorization.ToString(), cancellationToken))
        {
            // A source that keeps failing costs no body read, parse, key fetch or database work until its budget refills.
            LogLimited(logger);
            response.Headers.RetryAfter = FailedAuthenticationLimiter.RetryAfterHeader(wait);
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            return;
        }

        var body = await ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var activity = ParseActivity(body);
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type) || !IsAddressable(activity))
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        TurnObservation.Of(request.HttpContext)?.Parsed(activity);
        var authentication = await AuthenticateAsync(request, activity, cancellationToken);
        if (!authentication.Succeeded)
        {
            LogUnauthorized(logger, activity.Type, activity.Id, authentication.FailureReason);
            failedAuthentication.Failed(source);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (authentication.Identity is not null && activity.ServiceUrl is { } serviceUrl)
        {
            // The token vouched for this serviceUrl (its claim matched), so the bot may call it later.
            await serviceUrls.LearnAsync(serviceUrl, cancellationToken);
        }

        var turnContext = new TurnContext(this, activity, authentication.Identity);
        var ledger = request.HttpContext.RequestServices.GetService(typeof(IActivityLedger)) as IActivityLedger;
        if (ledger is not null && await ledger.BeginTurnAsync(turnContext, cancellationToken) is { } earlier)
        {
            LogRedelivery(logger, activity.Type, activity.Id);
            TurnObservation.Of(request.HttpContext)?.AnsweredFromLedger();
            await WriteAsync(response, earlier, cancellationToken);
            return;
        }

        try
        {
            await bot.OnTurnAsync(turnContext, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTurnFailed(logger, exception, activity.Type, activity.Id);
            foreach (var handler in turnErrorHandlers)
            {
                await handler.OnTurnErrorAsync(turnContext, exception, cancellationToken);
            }

            if (ledger is not null)
            {
                await ledger.AbandonTurnAsync(turnContext, CancellationToken.None);
            }

            response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var outcome = OutcomeOf(activity, turnContext);
        if (ledger is not null)
        {
            // Recorded before the answer leaves: once the caller sees 200, a redelivery finds this turn done.
            await ledger.CompleteTurnAsync(turnContext, outcome, cancellationToken);
        }

        await WriteAsync(response, outcome, cancellationToken);
    }

    private static async Task WriteAsync(HttpResponse response, ProcessedActivityOutcome outcome, CancellationToken cancellationToken)
    {
        response.StatusCode = outcome.Status;
        if (outcome.InvokeResponseJson is { } body)
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(body, cancellationToken);
        }
    }

    /// <summary>200 for activities, the handler's status and body for invokes, 501 for an invoke nobody answered.</summary>
    private static ProcessedActivityOutcome OutcomeOf(Activity activity, TurnContext turnContext)
    {
        if (!activity.IsType(ActivityTypes.Invoke))
        {
            return new(StatusCodes.Status200OK, null);
        }

        var invokeResponse = turnContext.TurnState.TryGetValue(TurnContext.InvokeResponseKey, out var stored)
            ? (stored as Activity)?.Value as InvokeResponse
            : null;
        return invokeResponse is null
            ? new(StatusCodes.Status501NotImplemented, null)
            : new(invokeResponse.Status, invokeResponse.Body is null ? null : JsonSerializer.Serialize(invokeResponse.Body, invokeResponse.Body.GetType(), ProtocolJson.Options));
    }

    public override async Task<ResourceResponse?> SendActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("The activity names no conversation.");
        try
        {
            if (_replyOutbox is null)
            {
                var connector = connectorClientFactory.Create(RequireServiceUrl(activity));
                return await SendAsync(connector, conversationId, activity, cancellationToken);
            }

            return await SendOrQueueAsync(turnContext, activity, isUpdate: false, (connector, ct) => SendAsync(connector, conversationId, activity, ct), cancellationToken);
        }
        catch (UntrustedServiceUrlException)
        {
            // Already logged by the allow-list; a reply that may not be sent must not fail the rest of the turn.
            return null;
        }
    }

    private static Task<ResourceResponse?> SendAsync(ConnectorClient connector, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(activity.ReplyToId)
            ? connector.SendToConversationAsync(conversationId, activity, cancellationToken)
            : connector.ReplyToActivityAsync(conversationId, activity.ReplyToId, activity, cancellationToken);

    public override async Task<ResourceResponse?> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var activityId = activity.Id ?? throw new InvalidOperationException("An update needs the activity id.");
        if (_replyOutbox is null)
        {
            var connector = connectorClientFactory.Create(RequireServiceUrl(activity));
            return await connector.UpdateActivityAsync(conversationId, activityId, activity, cancellationToken);
        }

        return await SendOrQueueAsync(turnContext, activity, isUpdate: true, (connector, ct) => connector.UpdateActivityAsync(conversationId, activityId, activity, ct), cancellationToken);
    }

    /// <summary>
    /// One attempt, bounded by the outbox's reply timeout and without the pipeline's retries: the turn must answer Teams
    /// in time, so what the connector does not take now (429, 412, 5xx, no connection, no answer in time) goes to the
    /// outbox, which retries it with back-off and Retry-After. 4xx other than those would fail again and fail the turn.
    /// </summary>
    private async Task<ResourceResponse?> SendOrQueueAsync(
        ITurnContext turnContext,
        Activity activity,
        bool isUpdate,
        Func<ConnectorClient, CancellationToken, Task<ResourceResponse?>> send,
        CancellationToken cancellationToken)
    {
        var outbox = _replyOutbox!;
        if (turnContext.TurnState.ContainsKey(RepliesQueuedKey))
        {
            await QueueAsync(turnContext, activity, new ReplyDeferral("behind-earlier", IsUpdate: isUpdate), cancellationToken);
            return null;
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(outbox.ReplyTimeout);
        ReplyDeferral deferral;
        try
        {
            return await send(connectorClientFactory.CreateWithoutRetries(RequireServiceUrl(activity)), attempt.Token);
        }
        catch (ConnectorException e) when ((int)e.StatusCode is 412 or 429 or >= 500)
        {
            deferral = new ReplyDeferral($"http-{(int)e.StatusCode}", e.RetryAfter, isUpdate);
        }
        catch (HttpRequestException e) when (e is not UntrustedServiceUrlException)
        {
            deferral = new ReplyDeferral("network", IsUpdate: isUpdate);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            deferral = new ReplyDeferral("timeout", IsUpdate: isUpdate);
        }

        await QueueAsync(turnContext, activity, deferral, cancellationToken);
        return null;
    }

    private async Task QueueAsync(ITurnContext turnContext, Activity activity, ReplyDeferral deferral, CancellationToken cancellationToken)
    {
        // Stored even when Teams gave up on the request meanwhile: the reply belongs to a turn whose effects stand.
        await _replyOutbox!.QueueAsync(turnContext, activity, deferral, CancellationToken.None);
        turnContext.TurnState[RepliesQueuedKey] = true;
        LogReplyQueued(logger, turnContext.Activity.Type, turnContext.Activity.Id, deferral.Reason);
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, string activityId, CancellationToken cancellationToken)
    {
        var incoming = turnContext.Activity;
        var connector = connectorClientFactory.Create(RequireServiceUrl(incoming));
        return connector.DeleteActivityAsync(incoming.Conversation!.Id!, activityId, cancellationToken);
    }

    public override Task ContinueConversationAsync(ConversationReference reference, Func<ITurnContext, CancellationToken, Task> callback, CancellationToken cancellationToken)
    {
        // A proactive turn has no incoming message to reply to, so ActivityId is cleared: sends go to the conversation.
        var continuation = new Activity { Type = ActivityTypes.Event, Name = "ContinueConversation" }
            .ApplyConversationReference(new ConversationReference
            {
                Bot = reference.Bot,
                User = reference.User,
                Conversation = reference.Conversation,
                ChannelId = reference.ChannelId,
                ServiceUrl = reference.ServiceUrl,
                Locale = reference.Locale,
            });
        (continuation.From, continuation.Recipient) = (continuation.Recipient, continuation.From);
        return callback(new TurnContext(this, continuation), cancellationToken);
    }

    private async Task<ChannelAuthenticationResult> AuthenticateAsync(HttpRequest request, Activity activity, CancellationToken cancellationToken)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (options.Value.IsAuthenticationEnabled)
        {
            return await tokenValidator.AuthenticateAsync(authorization, activity, cancellationToken);
        }

        // Without an app id nothing can be verified, so only this machine is served, and a token we cannot check is refused.
        if (!string.IsNullOrEmpty(authorization))
        {
            return ChannelAuthenticationResult.Fail("Authorization header present but no MicrosoftAppId configured to validate it");
        }

        var remote = request.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote)
            ? new ChannelAuthenticationResult(null, null)
            : ChannelAuthenticationResult.Fail("authentication is off and the caller is not on loopback");
    }

    /// <summary>
    /// Reads at most <see cref="MaxActivityBytes"/>, whatever Content-Length claims; <c>null</c> when the body is larger.
    /// Teams activities are a few kilobytes (a message is capped at about 100 KB), so anything bigger is refused before
    /// it is parsed, let alone authenticated.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        int read;
        if (request.ContentLength > MaxActivityBytes)
        {
            return null;
        }

        if (request.ContentLength is { } declared)
        {
            // Teams declares the length: one array of that size, no 16 KB chunk and no growing stream per turn.
            // Kestrel holds the body to the declared length, so it cannot run past the array.
            var exact = new byte[declared];
            var filled = 0;
            while (filled < exact.Length && (read = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxActivityBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Malformed JSON, invalid UTF-8, wrong types and nesting deeper than 64 levels all end here as "no activity".</summary>
    private static Activity? ParseActivity(byte[] body)
    {
        // The serializer checks UTF-8 only where it decodes: inside a JsonElement (a card's data) a bad byte would
        // surface later, in a property name the handler reads, as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(body) || HasNulCharacter(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Activity>(body, ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A NUL character (only possible as the escape <c>\u0000</c>: JSON forbids it raw) is in no Teams payload, and
    /// PostgreSQL cannot store it in text, so a turn that kept it would fail there only. An escape is one when an odd
    /// number of backslashes leads up to it (<c>\\u0000</c> is a backslash followed by the text "u0000").
    /// </summary>
    private static bool HasNulCharacter(ReadOnlySpan<byte> body)
    {
        for (var at = body.IndexOf("u0000"u8); at >= 0;)
        {
            var backslashes = 0;
            while (at - backslashes - 1 >= 0 && body[at - backslashes - 1] == (byte)'\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 1)
            {
                return true;
            }

            var next = body[(at + 1)..].IndexOf("u0000"u8);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    /// <summary>
    /// Every answer goes to the serviceUrl, names the conversation in its path and comes from the recipient, so an
    /// activity without them, with a serviceUrl that is not an absolute http(s) URL, or with ids far longer than any
    /// Teams id (a few hundred characters) or holding control characters, cannot be answered and is refused as malformed.
    /// </summary>
    private static bool IsAddressable(Activity activity) =>
        Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && activity.ServiceUrl.Length <= MaxIdLength
        && activity.Conversation?.Id is { Length: > 0 and <= MaxIdLength } conversationId && !conversationId.Any(char.IsControl)
        && activity.Recipient?.Id is { Length: <= MaxIdLength }
        && activity.Id?.Length is null or <= MaxIdLength
        && activity.ReplyToId?.Length is null or <= MaxIdLength;

    private const int MaxIdLength = 1024;

    private static string RequireServiceUrl(Activity activity) =>
        activity.ServiceUrl ?? throw new InvalidOperationException("The activity has no serviceUrl.");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a request with 429: its source failed authentication too often")]
    private static partial void LogLimited(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {ActivityType} activity {ActivityId} with 401: {Reason}")]
    private static partial void LogUnauthorized(ILogger logger, string? activityType, string? activityId, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redelivered {ActivityType} activity {ActivityId} answered from the ledger without running the bot again")]
    private static partial void LogRedelivery(ILogger logger, string? activityType, string? activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A reply in the turn of {ActivityType} activity {ActivityId} went to the outbox ({Reason})")]
    private static partial void LogReplyQueued(ILogger logger, string? activityType, string? activityId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot failed on {ActivityType} activity {ActivityId}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? activityType, string? activityId);
}
