using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Digest;

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

    // Names, not numbers, so a reader of the table (or a later reordering of the enum) sees the same days. Internal,
    // not private, here and below: the compiled models (Persistence/CompiledModels/) call them.
    internal static List<T> ParseList<T>(string text) where T : struct, Enum =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Enum.TryParse<T>(name, out var value) ? (T?)value : null)
            .OfType<T>()
            .ToList();

    internal static ValueComparer<List<T>> ListComparer<T>() where T : struct, Enum => new(
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
