using Bot.Assignments;
using Bot.Persistence.EntityConfigurations;
using Bot.Posts;
using Bot.SocialChannels;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

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
    public DbSet<SocialChannelAssignment> Assignments => Set<SocialChannelAssignment>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<CadenceGoal> CadenceGoals => Set<CadenceGoal>();
    public DbSet<TeamAuditEntry> TeamAudit => Set<TeamAuditEntry>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<TeamReviewSettings> ReviewSettings => Set<TeamReviewSettings>();
    public DbSet<PostApprovalMessage> PostApprovalMessages => Set<PostApprovalMessage>();

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

        modelBuilder.Entity<SocialChannelAssignment>(assignment =>
        {
            assignment.ToTable("SocialChannelAssignments");
            assignment.HasKey(a => a.Id);
            assignment.Property(a => a.TeamId).HasMaxLength(512);
            assignment.Property(a => a.AadObjectId).HasMaxLength(64);
            assignment.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
            assignment.HasIndex(a => new { a.SocialChannelId, a.AadObjectId }).IsUnique();
            // One owner per social channel, enforced by the database so two coordinators assigning at once cannot make two.
            assignment.HasIndex(a => a.SocialChannelId).IsUnique().HasFilter("\"Kind\" = 'Owner'").HasDatabaseName("IX_SocialChannelAssignments_OneOwner");
            assignment.HasIndex(a => new { a.TeamId, a.AadObjectId });
            assignment.HasOne<SocialChannel>().WithMany().HasForeignKey(a => a.SocialChannelId);
        });

        modelBuilder.Entity<Absence>(absence =>
        {
            absence.ToTable("Absences");
            absence.HasKey(a => a.Id);
            absence.Property(a => a.TeamId).HasMaxLength(512);
            absence.Property(a => a.AadObjectId).HasMaxLength(64);
            absence.Property(a => a.CoverAadObjectId).HasMaxLength(64);
            absence.HasIndex(a => new { a.TeamId, a.AadObjectId, a.LastDay });
        });

        modelBuilder.Entity<CadenceGoal>(goal =>
        {
            goal.ToTable("CadenceGoals");
            goal.HasKey(g => g.SocialChannelId);
            goal.Property(g => g.TeamId).HasMaxLength(512);
            goal.Property(g => g.EngagementRateTarget).HasPrecision(6, 4);
            goal.HasOne<SocialChannel>().WithMany().HasForeignKey(g => g.SocialChannelId);
        });

        modelBuilder.Entity<TeamAuditEntry>(entry =>
        {
            entry.ToTable("TeamAudit");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.TeamId).HasMaxLength(512);
            entry.Property(e => e.ActorAadObjectId).HasMaxLength(64);
            entry.Property(e => e.SubjectAadObjectId).HasMaxLength(64);
            entry.Property(e => e.Action).HasMaxLength(64);
            entry.Property(e => e.Details).HasMaxLength(1024);
            entry.HasIndex(e => new { e.TeamId, e.At });
        });

        modelBuilder.ApplyConfiguration(new PostConfiguration(storeInstantsAsNumbers: Database.IsSqlite()));

        modelBuilder.Entity<TeamReviewSettings>(settings =>
        {
            settings.ToTable("TeamReviewSettings");
            settings.HasKey(s => s.TeamId);
            settings.Property(s => s.TeamId).HasMaxLength(512);
            settings.Property(s => s.UpdatedByAadObjectId).HasMaxLength(64);
            settings.Property(s => s.Policy)
                .HasColumnName("PolicyJson")
                .HasConversion(
                    policy => ReviewPolicyJson.Serialize(policy),
                    json => ReviewPolicyJson.Deserialize(json),
                    new ValueComparer<ReviewPolicy>(
                        (left, right) => ReferenceEquals(left, right)
                            || (left != null && right != null && ReviewPolicyJson.Serialize(left) == ReviewPolicyJson.Serialize(right)),
                        policy => ReviewPolicyJson.Serialize(policy).GetHashCode(StringComparison.Ordinal),
                        policy => ReviewPolicyJson.Deserialize(ReviewPolicyJson.Serialize(policy))));
            settings.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId);
        });

        modelBuilder.Entity<PostApprovalMessage>(message =>
        {
            message.ToTable("PostApprovalMessages");
            message.HasKey(m => m.PostId);
            message.Property(m => m.TeamId).HasMaxLength(512);
            message.Property(m => m.ConversationId).HasMaxLength(512);
            message.Property(m => m.ActivityId).HasMaxLength(256);
            message.Property(m => m.ServiceUrl).HasMaxLength(512);
            message.HasOne<Post>().WithOne().HasForeignKey<PostApprovalMessage>(m => m.PostId);
        });
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
public sealed class SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options) : BotDbContext(options)
{
    /// <summary>
    /// SQLite has no date type, and EF cannot order or compare DateTimeOffset stored as text. Every instant the bot
    /// stores is UTC, so it is kept as UTC ticks: sortable, comparable, exact.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
