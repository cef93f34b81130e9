namespace Bot.Digest;

internal static class DigestServiceCollectionExtensions
{
    /// <summary>The morning digest: composer, sender, its per-team Quartz triggers and the chart link. Needs AddReminders.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddScoped<DigestComposer>();
        services.AddScoped<DigestSettingsStore>();
        services.AddScoped<DailyDigest>();
        services.AddScoped<DigestRescheduling>();
        services.AddSingleton<DigestScheduler>();
        services.AddTransient<DailyDigestJob>();
        services.AddHostedService<DigestTriggers>();
        return services;
    }
}
