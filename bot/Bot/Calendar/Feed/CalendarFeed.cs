using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bot.Calendar.Feed;

public enum CalendarFeedKind
{
    /// <summary>The posts one person writes, reviews, owns or covers, across their teams.</summary>
    Personal,

    /// <summary>Every post of one team, made by one of its coordinators.</summary>
    Team,
}

/// <summary>
/// A secret calendar subscription URL someone asked for. Only the SHA-256 of its token is stored, so a copy of the
/// database opens no feed; the token itself was shown once, in the person's personal chat. Revoking deletes the row,
/// so a revoked token and one that never existed are the same lookup that finds nothing.
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; init; }
    public CalendarFeedKind Kind { get; init; }

    /// <summary>Who asked for it: the person whose plan it shows, or the coordinator who made the team's feed.</summary>
    public required string AadObjectId { get; init; }

    /// <summary>The team of a team feed; <c>null</c> for a personal feed.</summary>
    public string? TeamId { get; init; }

    /// <summary>SHA-256 of the token, lower-case hex.</summary>
    public required string TokenHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When a calendar last fetched it, to the day: retention removes feeds nobody polls, and writing on every poll would
    /// make each calendar's refresh a database write.
    /// </summary>
    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary>The hash of the content last served (the ETag) and when it last differed: the feed's Last-Modified.</summary>
    public string? ContentHash { get; set; }

    public DateTimeOffset ContentChangedAt { get; set; }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> feed)
    {
        feed.ToTable("CalendarFeeds");
        feed.HasKey(f => f.Id);
        feed.Property(f => f.Id).ValueGeneratedNever();
        feed.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        feed.Property(f => f.AadObjectId).HasMaxLength(64);
        feed.Property(f => f.TeamId).HasMaxLength(512);
        feed.Property(f => f.TokenHash).HasMaxLength(64);
        feed.Property(f => f.ContentHash).HasMaxLength(64);
        feed.HasIndex(f => f.TokenHash).IsUnique();
        feed.HasIndex(f => f.AadObjectId);
        // A team the bot forgets takes its feeds with it: they could show nothing any more.
        feed.HasOne<Team>().WithMany().HasForeignKey(f => f.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
