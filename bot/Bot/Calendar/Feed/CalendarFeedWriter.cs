using System.Security.Cryptography;
using System.Text;
using Bot.Localization;
using Bot.Posts;
using Bot.Staffing;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Bot.Calendar.Feed;

/// <summary>The feed as served: the iCalendar text, its ETag, and the instant of its newest post change.</summary>
public sealed record RenderedFeed(byte[] Body, string ContentHash);

/// <summary>
/// Writes a feed as RFC 5545 with Ical.Net. Each post is one event whose UID is the post's id, so a move changes the
/// event rather than adding one, and whose SEQUENCE is the post's <see cref="Post.Version"/>, which rises with every
/// change, moves included. Times are written in the team's zone with its VTIMEZONE, so calendars show the planned
/// local time across DST changes. Nothing in the text depends on the moment of the request except the "missed" word,
/// so the content hash changes only when the plan does.
/// </summary>
public static class CalendarFeedWriter
{
    /// <summary>A fixed domain for UIDs: a change of the bot's address must not turn every event into a new one.</summary>
    public const string UidDomain = "calendar.social-media-bot";

    /// <summary>A post is a moment; a quarter of an hour lets calendars draw it.</summary>
    private static readonly TimeSpan EventLength = TimeSpan.FromMinutes(15);

    public static RenderedFeed Render(FeedContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var language = BotLanguage.Use(BotLanguage.FromLocale(content.Language));
        var calendar = new Ical.Net.Calendar { ProductId = "-//Social Media Bot//Calendar feed//EN", Method = "PUBLISH" };
        var name = content.Kind == CalendarFeedKind.Team && content.Teams.Values.FirstOrDefault() is { } team
            ? Texts.FormatCalendarFeedTeamName(team.Name ?? Texts.YourTeam)
            : Texts.CalendarFeedPersonalName;
        calendar.AddProperty("X-WR-CALNAME", name);
        var firstPlanned = content.Posts.Count == 0 ? now : content.Posts.Min(p => p.PlannedAt);
        foreach (var zone in content.Posts.Select(p => content.Teams[p.TeamId].TimeZoneId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, firstPlanned.UtcDateTime.AddDays(-1), includeHistoricalData: false));
        }

        foreach (var post in content.Posts)
        {
            calendar.Events.Add(Event(post, content, now));
        }

        var text = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        var body = Encoding.UTF8.GetBytes(text);
        return new RenderedFeed(body, Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    private static CalendarEvent Event(FeedPost post, FeedContent content, DateTimeOffset now)
    {
        var team = content.Teams[post.TeamId];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var local = TimeZoneInfo.ConvertTime(post.PlannedAt, zone).DateTime;
        var start = new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), team.TimeZoneId);
        var platforms = string.Join(", ", post.Variants.Select(v => PlatformNames.Display(v.Platform)).Distinct(StringComparer.Ordinal));
        var state = StateWord(post, now);
        var title = post.WorkingTitle.Length == 0 ? PostWorkflow.ShortId(post.Id) : post.WorkingTitle;
        var summary = platforms.Length == 0 ? $"{title} ({state})" : $"{platforms}: {title} ({state})";

        var lines = new List<string>
        {
            Texts.FormatCalendarFeedLineState(state),
            Texts.FormatCalendarFeedLineAuthor(content.PeopleNames.GetValueOrDefault(post.AuthorAadObjectId) ?? Texts.CalendarFeedUnknownAuthor),
        };
        if (content.Kind == CalendarFeedKind.Personal && team.Name is { } teamName)
        {
            lines.Add(Texts.FormatCalendarFeedLineTeam(teamName));
        }

        var channels = post.Variants.Select(v => content.SocialChannelNames.GetValueOrDefault(v.SocialChannelId) ?? PlatformNames.Display(v.Platform)).ToList();
        if (channels.Count > 0)
        {
            lines.Add(Texts.FormatCalendarFeedLineSocialChannels(string.Join(", ", channels)));
        }

        lines.Add(Texts.FormatCalendarFeedLineShow(PostWorkflow.ShortId(post.Id)));
        lines.AddRange(post.Variants.Where(v => v.LiveUrl is not null).Select(v => Texts.FormatCalendarFeedLineLive(v.LiveUrl!)));
        if (post.ApprovalCardLink is { } card)
        {
            lines.Add(Texts.FormatCalendarFeedLineCard(card));
        }

        var updated = new CalDateTime(post.UpdatedAt.UtcDateTime, "UTC");
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{post.Id:D}@{UidDomain}",
            Sequence = post.Version,
            Summary = summary,
            Description = string.Join("\n", lines),
            DtStart = start,
            Duration = Duration.FromTimeSpanExact(EventLength),
            DtStamp = updated,
            LastModified = updated,
            Status = post.Status is PostStatus.Approved or PostStatus.Scheduled or PostStatus.Published ? EventStatus.Confirmed : EventStatus.Tentative,
            // Planned posts are not meetings: they must not make anyone look busy.
            Transparency = TransparencyType.Transparent,
        };
        if ((post.Variants.FirstOrDefault(v => v.LiveUrl is not null)?.LiveUrl ?? post.ApprovalCardLink) is { } link && Uri.TryCreate(link, UriKind.Absolute, out var url))
        {
            calendarEvent.Url = url;
        }

        return calendarEvent;
    }

    /// <summary>The word the chat uses for the state; a planned time that passed without publishing is "missed".</summary>
    private static string StateWord(FeedPost post, DateTimeOffset now) =>
        post.PlannedAt < now && !post.Status.IsFinal() ? Texts.CalendarFeedStateMissed : PostCards.StatusName(post.Status);
}
