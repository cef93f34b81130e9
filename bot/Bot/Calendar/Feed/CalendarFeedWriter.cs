using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Bot.Localization;
using Bot.Posts;
using Bot.Staffing;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Caching.Memory;

namespace Bot.Calendar.Feed;

/// <summary>
/// The feed as served: the UTF-8 iCalendar text as the cached pieces it is made of (a month of a team is 1.5 MB, which
/// copied into one string and one array per poll would be large-object garbage each time), and its SHA-256, which the
/// ETag is made from.
/// </summary>
public sealed record RenderedFeed(IReadOnlyList<byte[]> Body, string ContentHash)
{
    public long Length => Body.Sum(part => (long)part.Length);

    /// <summary>Copies the pieces into the response's pipe, flushing every 64 KB rather than after each event.</summary>
    public async Task WriteToAsync(System.IO.Pipelines.PipeWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var unflushed = 0;
        foreach (var part in Body)
        {
            writer.Write(part.AsSpan());
            unflushed += part.Length;
            if (unflushed >= 64 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
                unflushed = 0;
            }
        }

        await writer.FlushAsync(cancellationToken);
    }
}

/// <summary>
/// Writes a feed as RFC 5545 with Ical.Net. Each post is one event whose UID is the post's id, so a move changes the
/// event rather than adding one, and whose SEQUENCE is the post's <see cref="Post.Version"/>, which rises with every
/// change, moves included. Times are written in the team's zone with its VTIMEZONE, so calendars show the planned
/// local time across DST changes. Nothing in the text depends on the moment of the request except the "missed" word,
/// so the content hash changes only when the plan does.
/// </summary>
/// <remarks>
/// Ical.Net builds and serializes an event in a few tenths of a millisecond: for a team's month of 3,600 posts that is
/// most of a second on every poll (measured on the shared 2-core machine). So each event's text is kept, keyed by
/// everything it is written from, and a poll serializes only the events that changed since; the feed is the
/// calendar's head, those texts and its end.
/// </remarks>
public sealed class CalendarFeedWriter : IDisposable
{
    /// <summary>A fixed domain for UIDs: a change of the bot's address must not turn every event into a new one.</summary>
    public const string UidDomain = "calendar.social-media-bot";

    private const string End = "END:VCALENDAR";

    private static readonly byte[] EndBytes = Encoding.UTF8.GetBytes(End + "\r\n");

    /// <summary>A post is a moment; a quarter of an hour lets calendars draw it.</summary>
    private static readonly TimeSpan EventLength = TimeSpan.FromMinutes(15);

    // Counted in entries: an event's text is about half a kilobyte, so the cache stays within some tens of megabytes.
    private readonly MemoryCache _texts = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public RenderedFeed Render(FeedContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var language = BotLanguage.Use(BotLanguage.FromLocale(content.Language));
        var name = content.Kind == CalendarFeedKind.Team && content.Teams.Values.FirstOrDefault() is { } team
            ? Texts.FormatCalendarFeedTeamName(team.Name ?? Texts.YourTeam)
            : Texts.CalendarFeedPersonalName;
        var zones = content.Posts.Select(p => content.Teams[p.TeamId].TimeZoneId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var earliest = DateOnly.FromDateTime((content.Posts.Count == 0 ? now : content.Posts.Min(p => p.PlannedAt)).UtcDateTime).AddDays(-1);

        var parts = new List<byte[]>(content.Posts.Count + 2) { Cached($"head|{name}|{string.Join(',', zones)}|{earliest:O}", () => Head(name, zones, earliest)) };
        var zoneInfos = content.Teams.Values.ToDictionary(t => t.TeamId, t => TimeZoneInfo.FindSystemTimeZoneById(t.TimeZoneId));
        foreach (var post in content.Posts)
        {
            var fields = Fields(post, content, zoneInfos[post.TeamId], now);
            parts.Add(Cached(fields, () => new CalendarSerializer().SerializeToString(Event(fields)) ?? string.Empty));
        }

        parts.Add(EndBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(part);
        }

        return new RenderedFeed(parts, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public void Dispose() => _texts.Dispose();

    private byte[] Cached(object key, Func<string> serialize) =>
        _texts.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return Encoding.UTF8.GetBytes(serialize());
        })!;

    /// <summary>The calendar up to its first event: properties and the VTIMEZONE of each team's zone.</summary>
    private static string Head(string name, IReadOnlyList<string> zones, DateOnly earliest)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Social Media Bot//Calendar feed//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var zone in zones)
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone, earliest.ToDateTime(TimeOnly.MinValue), includeHistoricalData: false));
        }

        var whole = new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
        return whole[..whole.LastIndexOf(End, StringComparison.Ordinal)];
    }

    /// <summary>Everything an event's text is written from: equal fields make equal texts, so they key the cache.</summary>
    private sealed record EventFields(
        string Uid, int Sequence, string Summary, string Description, string TimeZoneId, DateTime LocalStart, DateTime UpdatedUtc, bool Confirmed, Uri? Url);

    private static CalendarEvent Event(EventFields fields)
    {
        var updated = new CalDateTime(fields.UpdatedUtc, "UTC");
        return new CalendarEvent
        {
            Uid = fields.Uid,
            Sequence = fields.Sequence,
            Summary = fields.Summary,
            Description = fields.Description,
            DtStart = new CalDateTime(fields.LocalStart, fields.TimeZoneId),
            Duration = Duration.FromTimeSpanExact(EventLength),
            DtStamp = updated,
            LastModified = updated,
            Status = fields.Confirmed ? EventStatus.Confirmed : EventStatus.Tentative,
            // Planned posts are not meetings: they must not make anyone look busy.
            Transparency = TransparencyType.Transparent,
            Url = fields.Url,
        };
    }

    private static EventFields Fields(FeedPost post, FeedContent content, TimeZoneInfo zone, DateTimeOffset now)
    {
        var team = content.Teams[post.TeamId];
        var local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(post.PlannedAt, zone).DateTime, DateTimeKind.Unspecified);
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

        Uri? url = null;
        if ((post.Variants.FirstOrDefault(v => v.LiveUrl is not null)?.LiveUrl ?? post.ApprovalCardLink) is { } link)
        {
            Uri.TryCreate(link, UriKind.Absolute, out url);
        }

        return new EventFields(
            $"{post.Id:D}@{UidDomain}",
            post.Version,
            summary,
            string.Join("\n", lines),
            team.TimeZoneId,
            local,
            post.UpdatedAt.UtcDateTime,
            post.Status is PostStatus.Approved or PostStatus.Scheduled or PostStatus.Published,
            url);
    }

    /// <summary>The word the chat uses for the state; a planned time that passed without publishing is "missed".</summary>
    private static string StateWord(FeedPost post, DateTimeOffset now) =>
        post.PlannedAt < now && !post.Status.IsFinal() ? Texts.CalendarFeedStateMissed : PostCards.StatusName(post.Status);
}
