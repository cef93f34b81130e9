namespace Bot.Staffing;

internal static class StaffingServiceCollectionExtensions
{
    public static IServiceCollection AddStaffing(this IServiceCollection services)
    {
        services.AddScoped<AssignmentService>();
        services.AddScoped<StaffingOverview>();
        services.AddScoped<StaffingConversation>();
        return services;
    }
}
