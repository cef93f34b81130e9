using Bot.Metrics.Csv;
using Bot.Turns;

namespace Bot.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementMetrics(this IServiceCollection services)
    {
        services.AddScoped<MetricsStore>();
        services.AddScoped<MetricsApiKeys>();
        services.AddSingleton<MetricsKeyAttempts>();
        services.AddScoped<MetricsCsvImport>();
        services.AddScoped<PostMetricsQuery>();
        services.AddScoped<IFileMessageHandler, MetricsFileImport>();
        // Teams' download links are pre-authorised; redirects are not followed, so a link cannot send the bot elsewhere.
        services.AddHttpClient(MetricsFileImport.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        return services;
    }
}
