namespace Bot.Calendar.Feed;

internal static class CalendarFeedServiceCollectionExtensions
{
    public static IServiceCollection AddCalendarFeed(this IServiceCollection services)
    {
        services.AddScoped<CalendarFeeds>();
        services.AddScoped<CalendarFeedQuery>();
        services.AddSingleton<CalendarFeedWriter>();
        return services;
    }
}
