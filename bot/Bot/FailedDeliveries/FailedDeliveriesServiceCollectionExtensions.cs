namespace Bot.FailedDeliveries;

internal static class FailedDeliveriesServiceCollectionExtensions
{
    public static IServiceCollection AddFailedDeliveries(this IServiceCollection services) => services.AddScoped<DeadLetters>();
}
