using Bot.Protocol.Authentication;

namespace Bot.Protocol.Connector;

/// <summary>Hands out a <see cref="ConnectorClient"/> per <c>serviceUrl</c> on the shared, resilient HTTP pipeline.</summary>
public sealed class ConnectorClientFactory(IHttpClientFactory httpClientFactory)
{
    public const string HttpClientName = "BotConnector";
    public const string WithoutRetriesHttpClientName = "BotConnector.WithoutRetries";

    /// <summary>For calls inside a turn: transient failures are retried right away, within the turn.</summary>
    public ConnectorClient Create(string serviceUrl) =>
        new(httpClientFactory.CreateClient(HttpClientName), new Uri(serviceUrl));

    /// <summary>
    /// For a caller that keeps its own retry schedule (an outbox): every failure comes back at once, with the status and
    /// Retry-After, instead of holding the caller through minutes of back-off.
    /// </summary>
    public ConnectorClient CreateWithoutRetries(string serviceUrl) =>
        new(httpClientFactory.CreateClient(WithoutRetriesHttpClientName), new Uri(serviceUrl));
}

/// <summary>Attaches the bot's token to every connector call, fresh per retry attempt so an expired token is not replayed.</summary>
internal sealed class ConnectorAuthenticationHandler(IBotTokenProvider tokenProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokenProvider.GetTokenAsync(cancellationToken);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
