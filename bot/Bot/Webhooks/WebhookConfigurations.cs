using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Webhooks;

internal sealed class TeamWebhookConfiguration : IEntityTypeConfiguration<TeamWebhook>
{
    public void Configure(EntityTypeBuilder<TeamWebhook> webhook)
    {
        webhook.ToTable("TeamWebhooks");
        webhook.HasKey(w => w.TeamId);
        webhook.Property(w => w.TeamId).HasMaxLength(512);
        webhook.Property(w => w.Url).HasMaxLength(2048);
        webhook.Property(w => w.ProtectedSecret).HasMaxLength(4096);
        webhook.Property(w => w.UpdatedByAadObjectId).HasMaxLength(64);
        webhook.HasOne<Team>().WithMany().HasForeignKey(w => w.TeamId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("WebhookDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.TeamId).HasMaxLength(512);
        delivery.Property(d => d.Event).HasMaxLength(64);
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(64);
        delivery.HasIndex(d => new { d.State, d.NextAttemptAt });
        delivery.HasIndex(d => new { d.TeamId, d.CreatedAt });
    }
}
