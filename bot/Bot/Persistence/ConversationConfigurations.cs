using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Persistence;

internal sealed class ConversationRecordConfiguration : IEntityTypeConfiguration<ConversationRecord>
{
    public void Configure(EntityTypeBuilder<ConversationRecord> conversation)
    {
        conversation.ToTable("Conversations");
        conversation.HasKey(c => c.ConversationId);
        conversation.Property(c => c.ConversationId).HasMaxLength(512);
        conversation.Property(c => c.ChannelId).HasMaxLength(64);
        conversation.Property(c => c.ServiceUrl).HasMaxLength(512);
        conversation.Property(c => c.ConversationType).HasMaxLength(32);
        conversation.Property(c => c.TenantId).HasMaxLength(64);
        conversation.Property(c => c.TeamId).HasMaxLength(512);
        conversation.Property(c => c.TeamName).HasMaxLength(256);
        conversation.Property(c => c.TeamsChannelId).HasMaxLength(512);
        conversation.Property(c => c.BotId).HasMaxLength(256);
        conversation.Property(c => c.BotName).HasMaxLength(256);
        conversation.Property(c => c.UserId).HasMaxLength(256);
        conversation.Property(c => c.UserAadObjectId).HasMaxLength(64);
        conversation.Property(c => c.Locale).HasMaxLength(32);
        conversation.HasIndex(c => c.TeamId);
        conversation.HasIndex(c => c.UserAadObjectId);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> person)
    {
        person.ToTable("People");
        person.HasKey(p => p.AadObjectId);
        person.Property(p => p.AadObjectId).HasMaxLength(64);
        person.Property(p => p.TenantId).HasMaxLength(64);
        person.Property(p => p.Name).HasMaxLength(256);
        person.Property(p => p.TeamsUserId).HasMaxLength(256);
        person.Property(p => p.Locale).HasMaxLength(32);
    }
}
