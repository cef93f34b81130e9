using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>
/// The bot's model. Each database provider has its own thin subclass so that it owns its own migrations (the EF Core
/// docs' "one context type per provider" pattern); product code depends on this type only.
/// </summary>
public abstract class BotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ConversationRecord> Conversations => Set<ConversationRecord>();
    public DbSet<Person> People => Set<Person>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationRecord>(conversation =>
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
        });

        modelBuilder.Entity<Person>(person =>
        {
            person.ToTable("People");
            person.HasKey(p => p.AadObjectId);
            person.Property(p => p.AadObjectId).HasMaxLength(64);
            person.Property(p => p.TenantId).HasMaxLength(64);
            person.Property(p => p.Name).HasMaxLength(256);
            person.Property(p => p.TeamsUserId).HasMaxLength(256);
            person.Property(p => p.Locale).HasMaxLength(32);
        });
    }
}

/// <summary>The embedded default: a SQLite file. Owns Migrations/Sqlite.</summary>
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options);
