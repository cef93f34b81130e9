using Bot.Staffing;
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

internal sealed class SocialChannelConfiguration : IEntityTypeConfiguration<SocialChannel>
{
    public void Configure(EntityTypeBuilder<SocialChannel> channel)
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
    }
}
