using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Reminders;

internal sealed class TeamReminderSettingsConfiguration : IEntityTypeConfiguration<TeamReminderSettings>
{
    public void Configure(EntityTypeBuilder<TeamReminderSettings> settings)
    {
        settings.ToTable("TeamReminderSettings");
        settings.HasKey(s => s.TeamId);
        settings.Property(s => s.TeamId).HasMaxLength(512);
        settings.Property(s => s.UpdatedByAadObjectId).HasMaxLength(64);
        settings.Property(s => s.Settings)
            .HasColumnName("SettingsJson")
            .HasConversion(
                value => ReminderSettingsJson.Serialize(value),
                json => ReminderSettingsJson.Deserialize(json),
                new ValueComparer<ReminderSettings>(
                    (left, right) => ReferenceEquals(left, right)
                        || (left != null && right != null && ReminderSettingsJson.Serialize(left) == ReminderSettingsJson.Serialize(right)),
                    value => ReminderSettingsJson.Serialize(value).GetHashCode(StringComparison.Ordinal),
                    value => ReminderSettingsJson.Deserialize(ReminderSettingsJson.Serialize(value))));
        settings.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId);
    }
}
