using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
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
