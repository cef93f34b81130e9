using Bot.Protocol.Builder;
using Bot.Protocol.Connector;

namespace Bot.Delivery;

internal static class DeliveryServiceCollectionExtensions
{
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations()
            .Validate(delivery => delivery.ClaimLease > delivery.SendTimeout, "Delivery:ClaimLease must be longer than Delivery:SendTimeout, or no message could ever be sent.")
            .Validate(delivery => delivery.TurnClaimLease > delivery.ReplyTimeout + delivery.CopyPatience, "Delivery:TurnClaimLease must outlast a turn (Delivery:ReplyTimeout plus Delivery:CopyPatience), or a copy could run an activity whose first turn is still going.")
            .ValidateOnStart();
        services.AddScoped<IActivityLedger, ActivityLedger>();
        services.AddSingleton<IReplyOutbox, ReplyOutbox>();
        services.AddScoped<IServiceUrlStore, TrustedServiceUrlStore>();
        services.AddScoped<Outbox>();
        services.AddScoped<PersonalSecrets>();
        services.AddScoped<DeliveryCleanup>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitSignal>();
        services.AddSingleton<DeliveryPacer>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<DeliveryCleanupService>();
        return services;
    }
}
