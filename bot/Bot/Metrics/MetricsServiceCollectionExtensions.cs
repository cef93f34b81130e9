using Bot.Hosting;
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
        // The download URL arrives in the activity, so it is fetched like any user-supplied URL: through the guarded
        // handler (Hosting/UserSuppliedUrls.cs: no internal destinations after DNS resolution, no redirects, no proxy).
        // A client of its own only for the longer timeout a 5 MB file may need; its links are pre-authorised, and the
        // factory's request logs would write them down.
        services.AddHttpClient(MetricsFileImport.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<UserSuppliedUrls>().CreateHandler())
            .RemoveAllLoggers();
        return services;
    }
}
