using System.Net;
using Bot.Protocol.Authentication;
using Bot.Protocol.Builder;
using Bot.Protocol.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Protocol.Hosting;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the protocol layer: settings (SDK key names at the configuration root, validated at start), inbound
    /// token validation, the outbound token, the connector's HTTP pipeline with retries, and the adapter.
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BotFrameworkAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotFrameworkAuthenticationOptions>, BotFrameworkAuthenticationOptionsValidator>();

        services.AddHttpClient(ChannelSigningKeyCache.HttpClientName);
        services.AddHttpClient(IBotTokenProvider.HttpClientName);
        services.AddSingleton<ChannelSigningKeyCache>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton(_ => new FailedAuthenticationLimiter());
        services.AddSingleton<IBotTokenProvider>(CreateTokenProvider);

        services.AddTransient<ConnectorAuthenticationHandler>();
        services.AddTransient<ServiceUrlAllowListHandler>();
        services.AddSingleton<ServiceUrlAllowList>();
        var connector = services.AddHttpClient(ConnectorClientFactory.HttpClientName);
        connector.AddResilienceHandler("connector", ConfigureConnectorRetries);
        connector.AddHttpMessageHandler<ServiceUrlAllowListHandler>();
        connector.AddHttpMessageHandler<ConnectorAuthenticationHandler>();
        services.AddHttpClient(ConnectorClientFactory.WithoutRetriesHttpClientName)
            .AddHttpMessageHandler<ServiceUrlAllowListHandler>()
            .AddHttpMessageHandler<ConnectorAuthenticationHandler>();
        services.AddSingleton<ConnectorClientFactory>();

        services.AddSingleton<CloudAdapter>();
        services.AddSingleton<BotAdapter>(provider => provider.GetRequiredService<CloudAdapter>());
        services.AddHostedService<BotFrameworkStartupReport>();
        return services;
    }

    /// <summary>Maps the messaging endpoint for every verb, so that a GET gets the SDK's 405 rather than a 404.</summary>
    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.Map(pattern, (HttpContext context) =>
        {
            var adapter = context.RequestServices.GetRequiredService<CloudAdapter>();
            var bot = context.RequestServices.GetRequiredService<IBot>();
            return adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted);
        });

    private static IBotTokenProvider CreateTokenProvider(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<BotFrameworkAuthenticationOptions>>().Value;
        if (!options.IsAuthenticationEnabled)
        {
            return new AnonymousBotTokenProvider();
        }

        return options.MicrosoftAppType == BotAppType.UserAssignedMSI
            ? ActivatorUtilities.CreateInstance<ManagedIdentityTokenProvider>(provider)
            : ActivatorUtilities.CreateInstance<ConfidentialClientTokenProvider>(provider);
    }

    /// <summary>
    /// Teams throttles with 429 and a Retry-After, and answers 412/502/503/504 when busy: those are retried with jittered
    /// exponential back-off (Retry-After wins when present). 400/401/403/404/413 and 500 are not: repeating cannot help.
    /// This pipeline serves calls inside a turn (a roster lookup), and Teams gives a turn 15 s, so all attempts together
    /// get <see cref="InTurnBudget"/>; whatever must wait longer belongs in an outbox.
    /// </summary>
    private static void ConfigureConnectorRetries(ResiliencePipelineBuilder<HttpResponseMessage> pipeline)
    {
        pipeline.AddTimeout(InTurnBudget);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 5,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(500),
            MaxDelay = TimeSpan.FromSeconds(2),
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(4));
    }

    private static readonly TimeSpan InTurnBudget = TimeSpan.FromSeconds(6);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: UntrustedServiceUrlException } => false,
        { Exception: HttpRequestException or Polly.Timeout.TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.PreconditionFailed or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
