using Bot.Scheduling;

namespace Bot.Privacy;

internal static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PersonErasure>();
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<RetentionService>();
        services.AddRecurringJob<RetentionJob>("retention", RetentionJob.Schedule);
        return services;
    }
}
