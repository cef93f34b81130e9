using Bot.Delivery;
using Bot.Metrics;
using Bot.Posts;
using Bot.Reminders;
using Bot.Staffing;
using Bot.Teams;
using Bot.Webhooks;
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
    public DbSet<SocialChannelAssignment> Assignments => Set<SocialChannelAssignment>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<CadenceGoal> CadenceGoals => Set<CadenceGoal>();
    public DbSet<TeamAuditEntry> TeamAudit => Set<TeamAuditEntry>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<TeamReviewSettings> ReviewSettings => Set<TeamReviewSettings>();
    public DbSet<PostApprovalMessage> PostApprovalMessages => Set<PostApprovalMessage>();
    public DbSet<Webhooks.TeamWebhook> Webhooks => Set<Webhooks.TeamWebhook>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Reminders.TeamReminderSettings> ReminderSettings => Set<Reminders.TeamReminderSettings>();
    public DbSet<ProcessedActivity> ProcessedActivities => Set<ProcessedActivity>();
    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();
    public DbSet<TrustedServiceUrl> TrustedServiceUrls => Set<TrustedServiceUrl>();
    public DbSet<Metrics.SocialChannelDailyMetric> SocialChannelDailyMetrics => Set<Metrics.SocialChannelDailyMetric>();
    public DbSet<Metrics.PostMetric> PostMetrics => Set<Metrics.PostMetric>();
    public DbSet<Metrics.MetricsApiKey> MetricsApiKeys => Set<Metrics.MetricsApiKey>();
    public DbSet<Digest.TeamDigestSettings> DigestSettings => Set<Digest.TeamDigestSettings>();
    public DbSet<Digest.DigestDelivery> DigestDeliveries => Set<Digest.DigestDelivery>();
    public DbSet<Calendar.Feed.CalendarFeed> CalendarFeeds => Set<Calendar.Feed.CalendarFeed>();

    // A save looks for changes once. The history check, the interceptors that look for new outbox messages and EF's
    // own save each asked the change tracker, and each question compared every tracked property again: three passes
    // over a post's whole aggregate per decision. Nothing between them changes an entity.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = DetectChangesOnce();
        try
        {
            RefuseHistoryRewrites();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = DetectChangesOnce();
        try
        {
            RefuseHistoryRewrites();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private bool DetectChangesOnce()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        return detecting;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new ConversationRecordConfiguration());
        modelBuilder.ApplyConfiguration(new PersonConfiguration());
        modelBuilder.ApplyConfiguration(new TeamConfiguration());
        modelBuilder.ApplyConfiguration(new TeamMembershipConfiguration());
        modelBuilder.ApplyConfiguration(new SocialChannelConfiguration());
        modelBuilder.ApplyConfiguration(new SocialChannelAssignmentConfiguration());
        modelBuilder.ApplyConfiguration(new AbsenceConfiguration());
        modelBuilder.ApplyConfiguration(new CadenceGoalConfiguration());
        modelBuilder.ApplyConfiguration(new TeamAuditEntryConfiguration());

        modelBuilder.ApplyConfiguration(new PostConfiguration(storeInstantsAsNumbers: Database.IsSqlite()));
        modelBuilder.ApplyConfiguration(new Reminders.ReminderSyncConfiguration());

        modelBuilder.ApplyConfiguration(new TeamReviewSettingsConfiguration());
        modelBuilder.ApplyConfiguration(new PostApprovalMessageConfiguration());

        modelBuilder.ApplyConfiguration(new TeamWebhookConfiguration());
        modelBuilder.ApplyConfiguration(new WebhookDeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new TeamReminderSettingsConfiguration());
        modelBuilder.ApplyConfiguration(new ProcessedActivityConfiguration());
        modelBuilder.ApplyConfiguration(new OutboundMessageConfiguration());
        modelBuilder.ApplyConfiguration(new TrustedServiceUrlConfiguration());
        modelBuilder.ApplyConfiguration(new SocialChannelDailyMetricConfiguration());
        modelBuilder.ApplyConfiguration(new PostMetricConfiguration());
        modelBuilder.ApplyConfiguration(new MetricsApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new Digest.TeamDigestSettingsConfiguration());
        modelBuilder.ApplyConfiguration(new Digest.DigestDeliveryConfiguration());
        modelBuilder.ApplyConfiguration(new Calendar.Feed.CalendarFeedConfiguration());
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
public sealed class SqliteBotDbContext : BotDbContext
{
    public SqliteBotDbContext(DbContextOptions<SqliteBotDbContext> options)
        : base(options)
    {
        // Every save in a transaction, even a single statement: that is where SqliteWriteGate queues the writers.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    /// <summary>
    /// SQLite has no date type, and EF cannot order or compare DateTimeOffset stored as text. Every instant the bot
    /// stores is UTC, so it is kept as UTC ticks: sortable, comparable, exact.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    // Internal, not private: the compiled models (CompiledModels/) construct it.
    internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
