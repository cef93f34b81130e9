using Bot.Digest;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Metrics;

internal sealed class SocialChannelDailyMetricConfiguration : IEntityTypeConfiguration<SocialChannelDailyMetric>
{
    public void Configure(EntityTypeBuilder<SocialChannelDailyMetric> metric)
    {
        metric.ToTable("SocialChannelDailyMetrics");
        metric.HasKey(m => m.Id);
        metric.Property(m => m.TeamId).HasMaxLength(512);
        metric.Property(m => m.Metric).HasConversion<string>().HasMaxLength(32);
        metric.Property(m => m.Source).HasMaxLength(64);
        metric.HasIndex(m => new { m.SocialChannelId, m.Date, m.Metric }).IsUnique();
        metric.HasIndex(m => new { m.TeamId, m.Date });
        metric.HasOne<SocialChannel>().WithMany().HasForeignKey(m => m.SocialChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PostMetricConfiguration : IEntityTypeConfiguration<PostMetric>
{
    public void Configure(EntityTypeBuilder<PostMetric> metric)
    {
        metric.ToTable("PostMetrics");
        metric.HasKey(m => m.Id);
        metric.Property(m => m.TeamId).HasMaxLength(512);
        metric.Property(m => m.PostUrl).HasMaxLength(2048);
        metric.Property(m => m.Metric).HasConversion<string>().HasMaxLength(32);
        metric.Property(m => m.Source).HasMaxLength(64);
        metric.HasIndex(m => new { m.TeamId, m.PostUrl, m.Date, m.Metric }).IsUnique();
        metric.HasIndex(m => new { m.TeamId, m.Date });
        metric.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId);
    }
}

internal sealed class MetricsApiKeyConfiguration : IEntityTypeConfiguration<MetricsApiKey>
{
    public void Configure(EntityTypeBuilder<MetricsApiKey> key)
    {
        key.ToTable("MetricsApiKeys");
        key.HasKey(k => k.Id);
        key.Property(k => k.TeamId).HasMaxLength(512);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.KeyHash).HasMaxLength(64);
        key.Property(k => k.Label).HasMaxLength(100);
        key.Property(k => k.CreatedByAadObjectId).HasMaxLength(64);
        key.Property(k => k.RevokedByAadObjectId).HasMaxLength(64);
        key.Ignore(k => k.IsActive);
        key.HasIndex(k => k.KeyHash).IsUnique();
        key.HasIndex(k => k.TeamId);
        key.HasOne<Team>().WithMany().HasForeignKey(k => k.TeamId);
    }
}

internal sealed class TeamDigestSettingsConfiguration : IEntityTypeConfiguration<TeamDigestSettings>
{
    public void Configure(EntityTypeBuilder<TeamDigestSettings> settings)
    {
        settings.ToTable("TeamDigestSettings");
        settings.HasKey(s => s.TeamId);
        settings.Property(s => s.TeamId).HasMaxLength(512);
        settings.Property(s => s.UpdatedByAadObjectId).HasMaxLength(64);
        settings.Property(s => s.Days).HasConversion(
            days => string.Join(',', days.Select(day => day.ToString())),
            text => ParseList<DayOfWeek>(text),
            ListComparer<DayOfWeek>());
        settings.Property(s => s.SwitchedOffSections).HasConversion(
            sections => string.Join(',', sections.Select(section => section.ToString())),
            text => ParseList<DigestSection>(text),
            ListComparer<DigestSection>());
        settings.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId);
    }

    // Names, not numbers, so a reader of the table (or a later reordering of the enum) sees the same days.
    private static List<T> ParseList<T>(string text) where T : struct, Enum =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Enum.TryParse<T>(name, out var value) ? (T?)value : null)
            .OfType<T>()
            .ToList();

    private static ValueComparer<List<T>> ListComparer<T>() where T : struct, Enum => new(
        (left, right) => left != null && right != null && left.SequenceEqual(right),
        list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
        list => list.ToList());
}

internal sealed class DigestDeliveryConfiguration : IEntityTypeConfiguration<DigestDelivery>
{
    public void Configure(EntityTypeBuilder<DigestDelivery> delivery)
    {
        delivery.ToTable("DigestDeliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.TeamId).HasMaxLength(512);
        delivery.Property(d => d.Trigger).HasMaxLength(16);
        delivery.HasIndex(d => new { d.TeamId, d.Date }).IsUnique();
        delivery.HasOne<Team>().WithMany().HasForeignKey(d => d.TeamId);
    }
}
