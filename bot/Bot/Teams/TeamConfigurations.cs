using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Teams;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.ToTable("Teams");
        team.HasKey(t => t.TeamId);
        team.Property(t => t.TeamId).HasMaxLength(512);
        team.Property(t => t.TenantId).HasMaxLength(64);
        team.Property(t => t.Name).HasMaxLength(256);
        team.Property(t => t.TimeZoneId).HasMaxLength(64);
        team.Property(t => t.Language).HasMaxLength(8);
        team.Property(t => t.HomeTeamsChannelId).HasMaxLength(512);
    }
}

internal sealed class TeamMembershipConfiguration : IEntityTypeConfiguration<TeamMembership>
{
    public void Configure(EntityTypeBuilder<TeamMembership> membership)
    {
        membership.ToTable("TeamMemberships");
        membership.HasKey(m => new { m.TeamId, m.AadObjectId });
        membership.Property(m => m.TeamId).HasMaxLength(512);
        membership.Property(m => m.AadObjectId).HasMaxLength(64);
        membership.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        membership.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId);
    }
}

internal sealed class TeamAuditEntryConfiguration : IEntityTypeConfiguration<TeamAuditEntry>
{
    public void Configure(EntityTypeBuilder<TeamAuditEntry> entry)
    {
        entry.ToTable("TeamAudit");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.TeamId).HasMaxLength(512);
        entry.Property(e => e.ActorAadObjectId).HasMaxLength(64);
        entry.Property(e => e.SubjectAadObjectId).HasMaxLength(64);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Details).HasMaxLength(1024);
        entry.HasIndex(e => new { e.TeamId, e.At });
    }
}
