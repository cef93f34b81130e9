using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Staffing;

internal sealed class SocialChannelAssignmentConfiguration : IEntityTypeConfiguration<SocialChannelAssignment>
{
    public void Configure(EntityTypeBuilder<SocialChannelAssignment> assignment)
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
    }
}

internal sealed class AbsenceConfiguration : IEntityTypeConfiguration<Absence>
{
    public void Configure(EntityTypeBuilder<Absence> absence)
    {
        absence.ToTable("Absences");
        absence.HasKey(a => a.Id);
        absence.Property(a => a.TeamId).HasMaxLength(512);
        absence.Property(a => a.AadObjectId).HasMaxLength(64);
        absence.Property(a => a.CoverAadObjectId).HasMaxLength(64);
        absence.HasIndex(a => new { a.TeamId, a.AadObjectId, a.LastDay });
    }
}

internal sealed class CadenceGoalConfiguration : IEntityTypeConfiguration<CadenceGoal>
{
    public void Configure(EntityTypeBuilder<CadenceGoal> goal)
    {
        goal.ToTable("CadenceGoals");
        goal.HasKey(g => g.SocialChannelId);
        goal.Property(g => g.TeamId).HasMaxLength(512);
        goal.Property(g => g.EngagementRateTarget).HasPrecision(6, 4);
        goal.HasOne<SocialChannel>().WithMany().HasForeignKey(g => g.SocialChannelId);
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
