using Bot.Persistence.EntityConfigurations;
using Bot.Posts;
using Bot.SocialChannels;
using Bot.Teams;
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
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<SocialChannel> SocialChannels => Set<SocialChannel>();
    public DbSet<Post> Posts => Set<Post>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseHistoryRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseHistoryRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

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

        modelBuilder.Entity<Team>(team =>
        {
            team.ToTable("Teams");
            team.HasKey(t => t.TeamId);
            team.Property(t => t.TeamId).HasMaxLength(512);
            team.Property(t => t.TenantId).HasMaxLength(64);
            team.Property(t => t.Name).HasMaxLength(256);
            team.Property(t => t.TimeZoneId).HasMaxLength(64);
            team.Property(t => t.Language).HasMaxLength(8);
            team.Property(t => t.HomeTeamsChannelId).HasMaxLength(512);
        });

        modelBuilder.Entity<TeamMembership>(membership =>
        {
            membership.ToTable("TeamMemberships");
            membership.HasKey(m => new { m.TeamId, m.AadObjectId });
            membership.Property(m => m.TeamId).HasMaxLength(512);
            membership.Property(m => m.AadObjectId).HasMaxLength(64);
            membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            membership.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId);
        });

        modelBuilder.Entity<SocialChannel>(channel =>
        {
            channel.ToTable("SocialChannels");
            channel.HasKey(c => c.Id);
            channel.Property(c => c.TeamId).HasMaxLength(512);
            channel.Property(c => c.Platform).HasConversion<string>().HasMaxLength(16);
            channel.Property(c => c.Handle).HasMaxLength(128);
            channel.Property(c => c.Url).HasMaxLength(2048);
            channel.Ignore(c => c.DisplayName);
            channel.HasIndex(c => new { c.TeamId, c.Platform, c.Handle }).IsUnique();
            channel.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId);
        });

        modelBuilder.ApplyConfiguration(new PostConfiguration(storeInstantsAsNumbers: Database.IsSqlite()));
    }

    // The audit trail and review decisions are the record of who approved what: the aggregate only appends to them,
    // and this keeps any other code (or a cascade from deleting a post) from changing that record.
    private void RefuseHistoryRewrites()
    {
        var rewritten = ChangeTracker.Entries()
            .Where(entry => entry.Entity is AuditEntry or ReviewDecision && entry.State is EntityState.Modified or EntityState.Deleted)
            .Select(entry => $"{entry.Metadata.DisplayName()} {entry.State}")
            .ToList();
        if (rewritten.Count > 0)
        {
            throw new InvalidOperationException($"Audit entries and review decisions are append-only; refused: {string.Join(", ", rewritten)}.");
        }
    }
}

/// <summary>The embedded default: a SQLite file. Owns Migrations/Sqlite.</summary>
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options);
