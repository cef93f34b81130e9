using Bot.Protocol.Hosting;
using Bot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Protocol.Tests;

/// <summary>The protocol layer as the bot registers it, with settings given per test, trusting the fake issuer's certificate.</summary>
internal static class ProtocolServices
{
    public static ServiceProvider Build(Dictionary<string, string?> settings, TimeProvider? timeProvider = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (timeProvider is not null)
        {
            services.TryAddSingleton(timeProvider);
        }

        services.AddBotFramework(configuration);
        services.TrustTestIssuer();
        configure?.Invoke(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Authentication on, validating channel tokens against <paramref name="issuer"/>'s published metadata and keys.</summary>
    public static ServiceProvider ValidatingAgainst(FakeChannelTokenIssuer issuer, string appId, TimeProvider timeProvider) =>
        Build(
            new()
            {
                ["MicrosoftAppId"] = appId,
                ["MicrosoftAppPassword"] = "secret",
                ["MicrosoftAppTenantId"] = "tenant",
                ["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl.AbsoluteUri,
            },
            timeProvider);
}
