using Bot.Metrics.Csv;

namespace Bot.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddEngagementMetrics(this IServiceCollection services)
    {
        services.AddScoped<MetricsStore>();
        services.AddScoped<MetricsApiKeys>();
        services.AddScoped<MetricsCsvImport>();
        services.AddScoped<PostMetricsQuery>();
        services.AddScoped<MetricsChat>();
        // Teams' download links are pre-authorised; redirects are not followed, so a link cannot send the bot elsewhere.
        services.AddHttpClient(MetricsChat.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllLoggers();
        return services;
    }
}
