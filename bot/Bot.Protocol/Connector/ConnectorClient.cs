using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bot.Protocol.Schema;

namespace Bot.Protocol.Connector;

/// <summary>
/// The Bot Connector REST API for one <c>serviceUrl</c>, as <c>Microsoft.Bot.Connector.ConnectorClient</c> offers it.
/// Retries (429 with Retry-After, 412, 502–504) and the bearer token are added by the HTTP pipeline, not here.
/// </summary>
public sealed class ConnectorClient
{
    private readonly HttpClient _httpClient;

    public ConnectorClient(HttpClient httpClient, Uri serviceUrl)
    {
        _httpClient = httpClient;
        // Relative paths resolve against the base only when it ends in '/'; Teams' serviceUrl usually does, the Playground's does not.
        ServiceUrl = serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");
    }

    public Uri ServiceUrl { get; }

    public Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities", activity, cancellationToken);

    public Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        activity.ReplyToId ??= activityId;
        return SendAsync<ResourceResponse>(HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);
    }

    public Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        activity.Id = activityId;
        return SendAsync<ResourceResponse>(HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, cancellationToken);
    }

    public async Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        await SendAsync<ResourceResponse>(HttpMethod.Delete, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken);

    public Task<ConversationResourceResponse?> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        SendAsync<ConversationResourceResponse>(HttpMethod.Post, "v3/conversations", parameters, cancellationToken);

    /// <summary>One member by <c>29:</c> id, AAD object id or UPN.</summary>
    public Task<ChannelAccount?> GetConversationMemberAsync(string conversationId, string memberId, CancellationToken cancellationToken = default) =>
        SendAsync<ChannelAccount>(HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null, cancellationToken);

    /// <summary>Members page by page; the unpaged endpoint is throttled hard and capped, so it is not offered.</summary>
    public Task<PagedMembersResult?> GetConversationPagedMembersAsync(string conversationId, int pageSize = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers?pageSize={pageSize}";
        if (continuationToken is not null)
        {
            path += $"&continuationToken={Escape(continuationToken)}";
        }

        return SendAsync<PagedMembersResult>(HttpMethod.Get, path, null, cancellationToken);
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, new Uri(ServiceUrl, path));
        if (body is not null)
        {
            // Serialised once, up front: a retry resends the same bytes, and a card of a few KB needs no streaming.
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ProtocolJson.Options))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } },
            };
        }

        using var response = await _httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var operationId = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
            throw new ConnectorException(response.StatusCode, method.Method, path.Split('?')[0], operationId)
            {
                RetryAfter = response.Headers.RetryAfter?.Delta,
            };
        }

        // Teams sometimes answers 202 with an empty body and no id.
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, ProtocolJson.Options);
    }
}

/// <summary>A connector call that failed after retries. Carries ids and status only, never the payload.</summary>
public sealed class ConnectorException(HttpStatusCode statusCode, string method, string path, string? correlatingOperationId)
    : Exception($"Connector {method} {path} failed with HTTP {(int)statusCode} (operation {correlatingOperationId ?? "unknown"}).")
{
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? CorrelatingOperationId { get; } = correlatingOperationId;

    /// <summary>How long the connector asked to be left alone (a 429's <c>Retry-After</c> in seconds), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// A call to a <c>serviceUrl</c> the bot never saw in an authenticated activity (nor was configured to trust): refused
/// before anything, the bot's token least of all, left the machine.
/// </summary>
public sealed class UntrustedServiceUrlException(string origin)
    : HttpRequestException($"Refused to call {origin}: not a serviceUrl seen in an authenticated activity.")
{
    public string Origin { get; } = origin;
}
