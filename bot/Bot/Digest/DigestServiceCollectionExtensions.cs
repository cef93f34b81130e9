using Bot.Teams;
using Bot.Turns;

namespace Bot.Digest;

internal static class DigestServiceCollectionExtensions
{
    /// <summary>The morning digest: composer, sender, its per-team Quartz triggers and the chart link. Needs AddScheduling.</summary>
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddScoped<DigestComposer>();
        services.AddScoped<DigestSettingsStore>();
        services.AddScoped<DailyDigest>();
        services.AddScoped<DigestRescheduling>();
        services.AddScoped<ITeamTimeZoneObserver, DigestFollowsTimeZone>();
        services.AddSingleton<DigestScheduler>();
        services.AddTransient<DailyDigestJob>();
        services.AddHostedService<DigestTriggers>();

        // First of the installation observers, whichever feature registers first: the trigger is scheduled before
        // the welcome is sent, as it always was, so a welcome that cannot be delivered does not cost the team its digest.
        services.Insert(0, ServiceDescriptor.Scoped<IInstallationObserver, DigestOnInstall>());
        return services;
    }
}
