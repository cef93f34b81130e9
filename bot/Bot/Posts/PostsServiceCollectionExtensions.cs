namespace Bot.Posts;

internal static class PostsServiceCollectionExtensions
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddScoped<ReviewSettingsStore>();
        services.AddScoped<PostWorkflow>();
        services.AddSingleton<Delivery.ISlotHistory, ApprovalCardHistory>();
        services.AddScoped<Staffing.ISocialChannelWorkload, PostWorkload>();
        services.AddScoped<PostConversation>();
        services.AddScoped<AlongsidePostChange>();
        services.AddScoped<IPostChangeSubscriber>(provider => provider.GetRequiredService<AlongsidePostChange>());
        services.AddScoped<ReviewerChoices>();
        return services;
    }
}
