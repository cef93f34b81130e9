using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Delivery;

internal sealed class ProcessedActivityConfiguration : IEntityTypeConfiguration<ProcessedActivity>
{
    public void Configure(EntityTypeBuilder<ProcessedActivity> activity)
    {
        activity.ToTable("ProcessedActivities");
        activity.HasKey(a => new { a.ChannelId, a.ConversationId, a.ActivityId });
        activity.Property(a => a.ChannelId).HasMaxLength(64);
        activity.Property(a => a.ConversationId).HasMaxLength(512);
        activity.Property(a => a.ActivityId).HasMaxLength(256);
        activity.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        activity.HasIndex(a => a.ProcessedAt);
    }
}

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> message)
    {
        message.ToTable("OutboundMessages");
        message.HasKey(m => m.Id);
        message.Property(m => m.Kind).HasMaxLength(64);
        message.Property(m => m.TeamId).HasMaxLength(512);
        message.Property(m => m.TenantId).HasMaxLength(128);
        message.Property(m => m.ServiceUrl).HasMaxLength(512);
        message.Property(m => m.ConversationId).HasMaxLength(512);
        message.Property(m => m.RecipientAadObjectId).HasMaxLength(128);
        message.Property(m => m.RecipientUserId).HasMaxLength(256);
        message.Property(m => m.RecipientName).HasMaxLength(256);
        message.Property(m => m.BotId).HasMaxLength(256);
        message.Property(m => m.BotName).HasMaxLength(256);
        message.Property(m => m.Operation).HasConversion<string>().HasMaxLength(32);
        message.Property(m => m.UpdateActivityId).HasMaxLength(256);
        message.Property(m => m.Slot).HasMaxLength(256);
        message.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
        message.Property(m => m.SentActivityId).HasMaxLength(256);
        message.Property(m => m.LastError).HasMaxLength(64);
        message.Property(m => m.ClaimedBy).HasMaxLength(64);
        message.HasIndex(m => new { m.State, m.NextAttemptAt });
        message.HasIndex(m => new { m.TeamId, m.State });
        // Every worker pass frees what it claimed, finds each slot's and each conversation's oldest waiting message, and
        // the last turn given in a paced conversation; with a backlog of thousands in one busy channel none of these may
        // read the whole backlog. With a batch's hundred slots in one query, SQLite chose to walk every pending message
        // through (State, NextAttemptAt) until the slot index also covered the state.
        message.HasIndex(m => m.ClaimedBy);
        message.HasIndex(m => new { m.Slot, m.State, m.Id });
        message.HasIndex(m => new { m.ConversationId, m.State, m.Id });
        message.HasIndex(m => new { m.RecipientAadObjectId, m.State, m.Id });
        message.HasIndex(m => new { m.ConversationId, m.State, m.NextAttemptAt });
        message.HasIndex(m => new { m.RecipientAadObjectId, m.State, m.NextAttemptAt });
    }
}

internal sealed class TrustedServiceUrlConfiguration : IEntityTypeConfiguration<TrustedServiceUrl>
{
    public void Configure(EntityTypeBuilder<TrustedServiceUrl> url)
    {
        url.ToTable("TrustedServiceUrls");
        url.HasKey(u => u.Origin);
        url.Property(u => u.Origin).HasMaxLength(512);
    }
}
