using Bot.Metrics;
using Bot.Persistence;
using Bot.Posts;
using Bot.Reminders;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Digest;

/// <summary>
/// Reads what a team's morning digest needs and turns it into figures: no sending, no scheduling, the clock from the
/// injected <see cref="TimeProvider"/>. Every day is a local day in the team's time zone, so a DST day (23 or 25 hours)
/// is still one day and the figures of 25 October stay on 25 October.
/// </summary>
public sealed class DigestComposer(BotDbContext database, ReminderSettingsStore reminderSettings, ReviewSettingsStore reviewSettings, TimeProvider timeProvider)
{
    /// <summary>Days of the engagement chart.</summary>
    public const int ChartDays = 14;

    /// <summary>More lines would make the chart unreadable; the busiest social channels are drawn.</summary>
    public const int MaxChartSeries = 8;

    private const int BaselineDays = 7;

    public async Task<EngagementDigest> ComposeAsync(Team team, TeamDigestSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(settings);
        var now = timeProvider.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var reminders = await reminderSettings.SettingsOfAsync(team.TeamId, cancellationToken);
        var calendar = reminders.Calendar(team.TimeZoneId);
        var today = LocalDay(now, zone);
        var (first, last) = Period(today, calendar);

        var channels = await database.SocialChannels.AsNoTracking()
            .Where(c => c.TeamId == team.TeamId && !c.IsArchived)
            .ToListAsync(cancellationToken);
        channels = [.. channels.OrderBy(c => c.Platform).ThenBy(c => c.Handle, StringComparer.OrdinalIgnoreCase)];
        var names = channels.ToDictionary(c => c.Id, c => c.DisplayName);

        var earliest = new[] { first.AddDays(-BaselineDays), today.AddDays(-ChartDays), MondayOf(today).AddDays(-7) }.Min();
        var metrics = await database.SocialChannelDailyMetrics.AsNoTracking()
            .Where(m => m.TeamId == team.TeamId && m.Date >= earliest && m.Date < today)
            .ToListAsync(cancellationToken);
        var hasMetrics = metrics.Count > 0
            || await database.SocialChannelDailyMetrics.AnyAsync(m => m.TeamId == team.TeamId, cancellationToken)
            || await database.PostMetrics.AnyAsync(m => m.TeamId == team.TeamId, cancellationToken);

        var posts = await database.Posts.AsNoTracking().Where(p => p.TeamId == team.TeamId).ToListAsync(cancellationToken);
        var published = posts
            .SelectMany(p => p.Variants.Where(v => v.PublishedAt is not null).Select(v => (Post: p, Variant: v, Day: LocalDay(v.PublishedAt!.Value, zone))))
            .ToList();
        var inPeriod = published.Where(x => x.Day >= first && x.Day <= last).ToList();

        var perChannel = channels
            .Select(c => new SocialChannelFigures(
                c.Id,
                c.DisplayName,
                c.Platform,
                Figures(metrics.Where(m => m.SocialChannelId == c.Id), first, last, inPeriod.Count(x => x.Variant.SocialChannelId == c.Id))))
            .ToList();
        var total = Figures(metrics.Where(m => names.ContainsKey(m.SocialChannelId)), first, last, inPeriod.Count(x => names.ContainsKey(x.Variant.SocialChannelId)));

        var (top, weakest) = await TopAndWeakestAsync(team.TeamId, inPeriod.Select(x => (x.Post, x.Variant)), names, cancellationToken);
        var goals = await database.CadenceGoals.AsNoTracking().Where(g => g.TeamId == team.TeamId && g.PostsPerWeek > 0).ToListAsync(cancellationToken);
        var owners = await database.Assignments.AsNoTracking()
            .Where(a => a.TeamId == team.TeamId && a.Kind == AssignmentKind.Owner)
            .ToListAsync(cancellationToken);
        var waiting = posts.Where(p => p.Status == PostStatus.InReview).ToList();
        var policy = waiting.Count > 0 ? await reviewSettings.PolicyOfAsync(team.TeamId, cancellationToken) : null;
        var waitingOn = waiting.ToDictionary(p => p.Id, p => policy!.Evaluate(p).MayApproveNow.ToList());
        var people = await PeopleAsync(
            owners.Select(o => o.AadObjectId).Concat(waiting.Select(p => p.AuthorAadObjectId)).Concat(waitingOn.Values.SelectMany(ids => ids)),
            cancellationToken);

        var monday = MondayOf(today);
        var thisWeek = Cadence(goals, names, owners, people, published, posts, monday, monday.AddDays(6), now, zone, metrics: null);
        var lastWeek = today.DayOfWeek == DayOfWeek.Monday
            ? Cadence(goals, names, owners, people, published, posts, monday.AddDays(-7), monday.AddDays(-1), now, zone, metrics)
            : [];

        var sections = Enum.GetValues<DigestSection>()
            .Where(s => !settings.SwitchedOffSections.Contains(s))
            .Where(s => s != DigestSection.WeekAhead || today.DayOfWeek == DayOfWeek.Monday)
            .Where(s => s != DigestSection.Chart || hasMetrics)
            .ToList();

        return new EngagementDigest(
            team.TeamId,
            team.TimeZoneId,
            today,
            first,
            last,
            hasMetrics,
            sections,
            total,
            perChannel,
            top,
            weakest,
            [.. thisWeek.Where(c => c.IsBehind)],
            [.. waiting
                .Select(p => (Post: p, Since: InReviewSince(p)))
                .OrderBy(x => x.Since)
                .Select(x => new WaitingPost(
                    x.Post.Id,
                    x.Post.WorkingTitle,
                    PersonOf(people, x.Post.AuthorAadObjectId),
                    [.. waitingOn[x.Post.Id].Select(id => PersonOf(people, id))],
                    x.Since,
                    ReminderPlanner.ReviewReminderDue(x.Since, reminders, calendar) <= now))],
            GoingOutOn(posts, today, zone, names),
            today.DayOfWeek == DayOfWeek.Monday ? WeekAheadFrom(posts, today, calendar, zone, names) : null,
            lastWeek,
            ChartOf(metrics, channels, today));
    }

    /// <summary>The chart alone, for the image link: the 14 days before <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<ChartSeries>> ChartAsync(string teamId, DateOnly today, CancellationToken cancellationToken)
    {
        var channels = await database.SocialChannels.AsNoTracking().Where(c => c.TeamId == teamId && !c.IsArchived).ToListAsync(cancellationToken);
        var from = today.AddDays(-ChartDays);
        var metrics = await database.SocialChannelDailyMetrics.AsNoTracking()
            .Where(m => m.TeamId == teamId && m.Date >= from && m.Date < today)
            .ToListAsync(cancellationToken);
        return ChartOf(metrics, channels, today);
    }

    /// <summary>
    /// Yesterday, or on the first working day after days off, everything since the last working day: Monday's digest
    /// covers Friday to Sunday, so the weekend's posts are not lost.
    /// </summary>
    public static (DateOnly First, DateOnly Last) Period(DateOnly today, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var last = today.AddDays(-1);
        for (var day = last; day >= today.AddDays(-7); day = day.AddDays(-1))
        {
            if (calendar.IsWorkingDay(day))
            {
                return (day, last);
            }
        }

        return (last, last);
    }

    /// <summary>
    /// The period's totals and their change against the per-day average of the seven days before it. Only days with
    /// figures count as days, so a social channel that reports twice a week is not compared with zeros.
    /// </summary>
    public static FigureSet Figures(IEnumerable<SocialChannelDailyMetric> rows, DateOnly first, DateOnly last, int postsPublished)
    {
        var all = rows.ToList();
        var period = Sum(all.Where(m => m.Date >= first && m.Date <= last));
        var baseline = Sum(all.Where(m => m.Date >= first.AddDays(-BaselineDays) && m.Date < first));
        if (period.Days == 0)
        {
            return new FigureSet(postsPublished, null, null, null, null, null, null);
        }

        var rate = EngagementRate.Of(period.Impressions, period.Reactions, period.Comments, period.Shares, period.Clicks);
        double? ImpressionsChange() => Change(period.Impressions, period.Days, baseline.Impressions, baseline.Days);
        double? EngagementsChange() => Change(period.Engagements, period.Days, baseline.Engagements, baseline.Days);
        var baselineRate = baseline.Days == 0 ? null : EngagementRate.Of(baseline.Impressions, baseline.Reactions, baseline.Comments, baseline.Shares, baseline.Clicks);
        return new FigureSet(
            postsPublished,
            period.HasImpressions ? period.Impressions : null,
            period.Engagements,
            rate,
            period.HasImpressions ? ImpressionsChange() : null,
            EngagementsChange(),
            rate is { } r && baselineRate is { } b ? r - b : null);
    }

    private static double? Change(long value, int days, long baselineValue, int baselineDays)
    {
        if (baselineDays == 0 || baselineValue <= 0)
        {
            return null;
        }

        var average = (double)value / days;
        var baselineAverage = (double)baselineValue / baselineDays;
        return (average - baselineAverage) / baselineAverage;
    }

    private static Totals Sum(IEnumerable<SocialChannelDailyMetric> rows)
    {
        var list = rows.ToList();
        long Of(MetricKind kind) => list.Where(m => m.Metric == kind).Sum(m => m.Value);
        return new Totals(
            list.Select(m => m.Date).Distinct().Count(),
            list.Any(m => m.Metric == MetricKind.Impressions),
            Of(MetricKind.Impressions),
            Of(MetricKind.Reactions),
            Of(MetricKind.Comments),
            Of(MetricKind.Shares),
            Of(MetricKind.Clicks));
    }

    private sealed record Totals(int Days, bool HasImpressions, long Impressions, long Reactions, long Comments, long Shares, long Clicks)
    {
        public long Engagements => EngagementRate.Engagements(Reactions, Comments, Shares, Clicks);
    }

    private async Task<(PostPerformance? Top, PostPerformance? Weakest)> TopAndWeakestAsync(
        string teamId, IEnumerable<(Post Post, PostVariant Variant)> publishedInPeriod, Dictionary<int, string> names, CancellationToken cancellationToken)
    {
        var candidates = publishedInPeriod
            .Where(x => x.Variant.LiveUrl is { Length: > 0 })
            .Select(x => (x.Post, x.Variant, Url: PostUrls.Normalise(x.Variant.LiveUrl!)))
            .ToList();
        if (candidates.Count == 0)
        {
            return (null, null);
        }

        var urls = candidates.Select(c => c.Url).Distinct().ToList();
        var rows = await database.PostMetrics.AsNoTracking().Where(m => m.TeamId == teamId && urls.Contains(m.PostUrl)).ToListAsync(cancellationToken);

        // Post figures are cumulative, so the latest reading of each figure is the post's result so far.
        long Latest(string url, MetricKind kind) =>
            rows.Where(m => m.PostUrl == url && m.Metric == kind).OrderByDescending(m => m.Date).Select(m => m.Value).FirstOrDefault();

        var measured = candidates
            .Select(c =>
            {
                var impressions = Latest(c.Url, MetricKind.Impressions);
                var (reactions, comments, shares, clicks) = (Latest(c.Url, MetricKind.Reactions), Latest(c.Url, MetricKind.Comments), Latest(c.Url, MetricKind.Shares), Latest(c.Url, MetricKind.Clicks));
                return EngagementRate.Of(impressions, reactions, comments, shares, clicks) is { } rate
                    ? new PostPerformance(c.Post.Id, c.Post.WorkingTitle, names.GetValueOrDefault(c.Variant.SocialChannelId) ?? PlatformNames.Display(c.Variant.Platform), c.Variant.LiveUrl!, impressions, EngagementRate.Engagements(reactions, comments, shares, clicks), rate)
                    : null;
            })
            .OfType<PostPerformance>()
            .OrderByDescending(p => p.EngagementRate)
            .ThenByDescending(p => p.Impressions)
            .ToList();
        return measured.Count switch
        {
            0 => (null, null),
            1 => (measured[0], null),
            _ => (measured[0], measured[^1]),
        };
    }

    private static List<CadenceProgress> Cadence(
        List<CadenceGoal> goals,
        Dictionary<int, string> names,
        List<SocialChannelAssignment> owners,
        Dictionary<string, Person> people,
        List<(Post Post, PostVariant Variant, DateOnly Day)> published,
        List<Post> posts,
        DateOnly monday,
        DateOnly sunday,
        DateTimeOffset now,
        TimeZoneInfo zone,
        List<SocialChannelDailyMetric>? metrics)
    {
        var weekEnd = StartOf(sunday.AddDays(1), zone);
        return
        [
            .. goals
                .Where(g => names.ContainsKey(g.SocialChannelId))
                .Select(goal =>
                {
                    var done = published.Count(x => x.Variant.SocialChannelId == goal.SocialChannelId && x.Day >= monday && x.Day <= sunday);
                    var planned = posts.Count(p => p.Status is PostStatus.Approved or PostStatus.Scheduled or PostStatus.InReview
                        && p.PlannedPublishAt is { } at && at >= now && at < weekEnd
                        && p.Variants.Any(v => v.SocialChannelId == goal.SocialChannelId && !v.IsLive));
                    var owner = owners.FirstOrDefault(o => o.SocialChannelId == goal.SocialChannelId)?.AadObjectId;
                    double? rate = null;
                    if (metrics is not null)
                    {
                        var week = Sum(metrics.Where(m => m.SocialChannelId == goal.SocialChannelId && m.Date >= monday && m.Date <= sunday));
                        rate = EngagementRate.Of(week.Impressions, week.Reactions, week.Comments, week.Shares, week.Clicks);
                    }

                    return new CadenceProgress(goal.SocialChannelId, names[goal.SocialChannelId], goal.PostsPerWeek, done, planned, owner is null ? null : PersonOf(people, owner), rate, goal.EngagementRateTarget);
                })
                .OrderBy(c => c.Published + c.StillPlanned - c.Goal)
                .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase),
        ];
    }

    private static IReadOnlyList<GoingOut> GoingOutOn(List<Post> posts, DateOnly today, TimeZoneInfo zone, Dictionary<int, string> names) =>
        [
            .. posts
                .Where(p => !p.Status.IsFinal() && p.PlannedPublishAt is { } at && LocalDay(at, zone) == today)
                .OrderBy(p => p.PlannedPublishAt)
                .Select(p => new GoingOut(
                    p.Id,
                    p.WorkingTitle,
                    TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(p.PlannedPublishAt!.Value, zone).DateTime),
                    [.. p.Variants.Where(v => !v.IsLive).Select(v => names.GetValueOrDefault(v.SocialChannelId) ?? PlatformNames.Display(v.Platform)).Distinct()],
                    p.Status is PostStatus.Approved or PostStatus.Scheduled)),
        ];

    private static WeekAhead WeekAheadFrom(List<Post> posts, DateOnly today, WorkingCalendar calendar, TimeZoneInfo zone, Dictionary<int, string> names)
    {
        var planned = posts
            .Where(p => !p.Status.IsFinal() && p.Status != PostStatus.Draft && p.PlannedPublishAt is not null)
            .SelectMany(p => p.Variants.Where(v => !v.IsLive).Select(v => (Day: LocalDay(p.PlannedPublishAt!.Value, zone), v.SocialChannelId)))
            .Where(x => names.ContainsKey(x.SocialChannelId))
            .ToList();
        return new WeekAhead(
        [
            .. Enumerable.Range(0, 7).Select(offset =>
            {
                var day = today.AddDays(offset);
                return new WeekAheadDay(
                    day,
                    calendar.IsWorkingDay(day),
                    [.. planned.Where(x => x.Day == day).GroupBy(x => x.SocialChannelId).Select(g => (names[g.Key], g.Count())).OrderBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)]);
            }),
        ]);
    }

    private static IReadOnlyList<ChartSeries> ChartOf(IEnumerable<SocialChannelDailyMetric> metrics, IEnumerable<SocialChannel> channels, DateOnly today)
    {
        var from = today.AddDays(-ChartDays);
        var byChannel = metrics.Where(m => m.Date >= from && m.Date < today && IsEngagement(m.Metric)).GroupBy(m => m.SocialChannelId).ToDictionary(g => g.Key, g => g.ToList());
        return
        [
            .. channels
                .Where(c => byChannel.ContainsKey(c.Id))
                .OrderByDescending(c => byChannel[c.Id].Sum(m => m.Value))
                .ThenBy(c => c.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Take(MaxChartSeries)
                .Select(c => new ChartSeries(
                    c.DisplayName,
                    [.. Enumerable.Range(0, ChartDays).Select(offset =>
                    {
                        var day = from.AddDays(offset);
                        var rows = byChannel[c.Id].Where(m => m.Date == day).ToList();
                        return (day, rows.Count == 0 ? (long?)null : rows.Sum(m => m.Value));
                    })])),
        ];
    }

    private static bool IsEngagement(MetricKind kind) => kind is MetricKind.Reactions or MetricKind.Comments or MetricKind.Shares or MetricKind.Clicks;

    /// <summary>When the post last went into review: an edit that sends it back starts the wait anew.</summary>
    private static DateTimeOffset InReviewSince(Post post)
    {
        var since = post.UpdatedAt;
        var entries = post.AuditTrail.OrderBy(e => e.Sequence).ToList();
        for (var i = entries.Count - 1; i >= 0 && entries[i].Status == PostStatus.InReview; i--)
        {
            since = entries[i].At;
        }

        return since;
    }

    private async Task<Dictionary<string, Person>> PeopleAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var found = await database.People.AsNoTracking().Where(p => wanted.Contains(p.AadObjectId)).ToListAsync(cancellationToken);
        return found.GroupBy(p => p.AadObjectId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    private static DigestPerson PersonOf(Dictionary<string, Person> people, string aadObjectId) =>
        people.TryGetValue(aadObjectId, out var person)
            ? new DigestPerson(aadObjectId, person.Name ?? aadObjectId, person.TeamsUserId)
            : new DigestPerson(aadObjectId, aadObjectId, null);

    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Local midnight as an instant; a zone that skips midnight starts the day an hour later.</summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
