using Bot.Hosting;
using Bot.Persistence;
using Bot.Posts;
using Bot.Reminders;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Calendar.Tab;

/// <summary>
/// The tab's reads and its one write. Every read is scoped to the teams the caller belongs to (a stored role there, or
/// a coordinator everywhere by <c>Bot:Coordinators</c>), in each team's tenant; a post of any other team does not exist
/// for them. Reads are projections without tracking, a fixed number of queries per request whatever the month holds.
/// The move is the chat's own (<see cref="PostConversation.MoveSlotAsync"/>).
/// </summary>
public sealed class TabCalendar(
    BotDbContext database,
    PostWorkflow workflow,
    PostConversation conversation,
    ReminderSettingsStore reminderSettings,
    IOptions<BotOptions> botOptions,
    TimeProvider timeProvider)
{
    /// <summary>The longest span one calendar request covers: two months and a bit, so a month view with its edges fits.</summary>
    public const int MaxDays = 62;

    /// <summary>The teams <paramref name="person"/> belongs to; with <paramref name="checkTenant"/>, only those of the token's tenant.</summary>
    public async Task<IReadOnlyList<TabTeamAccess>> TeamsOfAsync(TabPerson person, bool checkTenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        // AAD object ids are GUIDs whose case Teams and Entra ID do not agree on.
        var wanted = person.AadObjectId.ToLowerInvariant();
        var memberships = await database.TeamMemberships.AsNoTracking()
            .Where(m => m.AadObjectId.ToLower() == wanted)
            .Select(m => new { m.TeamId, m.Role, m.AadObjectId })
            .ToListAsync(cancellationToken);
        var everywhere = botOptions.Value.Coordinators.Contains(person.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var teamIds = memberships.Select(m => m.TeamId).ToList();
        var teams = await database.Teams.AsNoTracking()
            .Where(t => everywhere || teamIds.Contains(t.TeamId))
            .ToListAsync(cancellationToken);
        return
        [
            .. teams
                .Where(t => !checkTenant || t.TenantId is null || string.Equals(t.TenantId, person.TenantId, StringComparison.OrdinalIgnoreCase))
                .Select(t =>
                {
                    var membership = memberships.FirstOrDefault(m => m.TeamId == t.TeamId);
                    return new TabTeamAccess(t, everywhere ? TeamRole.Coordinator : membership!.Role, membership?.AadObjectId ?? person.AadObjectId);
                })
                .OrderBy(a => a.Team.Name ?? a.Team.TeamId, StringComparer.CurrentCultureIgnoreCase),
        ];
    }

    /// <summary>People the bot knows as members of a team, for the development sign-in's picker.</summary>
    public async Task<IReadOnlyList<TabPersonJson>> KnownPeopleAsync(CancellationToken cancellationToken)
    {
        var members = await database.TeamMemberships.AsNoTracking()
            .Select(m => m.AadObjectId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(members, cancellationToken);
        return [.. members.Select(id => new TabPersonJson(id, names.GetValueOrDefault(id) ?? id)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<TabCalendarJson> CalendarAsync(IReadOnlyList<TabTeamAccess> teams, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teams);
        var now = timeProvider.GetUtcNow();
        var teamIds = teams.Select(t => t.Team.TeamId).ToList();
        var zones = teams.ToDictionary(t => t.Team.TeamId, t => PostConversation.Zone(t.Team), StringComparer.Ordinal);

        // Whole weeks, so a lane's weekly count is the week's even where the view starts or ends mid-week.
        var firstMonday = MondayOf(from);
        var afterLastWeek = MondayOf(to).AddDays(7);
        var start = zones.Values.Select(zone => LocalMidnight(firstMonday, zone)).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var end = zones.Values.Select(zone => LocalMidnight(afterLastWeek, zone)).DefaultIfEmpty(DateTimeOffset.MinValue).Max();

        // Two flat queries rather than one with a nested collection: on SQLite with 3,600 posts in a month the nested
        // projection took several times as long (measured beside the calendar benchmark, bench/CalendarBenchmark.cs).
        var inRange = database.Posts.AsNoTracking()
            .Where(p => teamIds.Contains(p.TeamId) && p.PlannedPublishAt != null && p.PlannedPublishAt >= start && p.PlannedPublishAt < end);
        var posts = teamIds.Count == 0 ? [] : await inRange
            .Select(p => new { p.Id, p.TeamId, p.WorkingTitle, p.Status, PlannedAt = p.PlannedPublishAt!.Value, p.AuthorAadObjectId })
            .ToListAsync(cancellationToken);
        var variants = teamIds.Count == 0 ? [] : await inRange
            .SelectMany(p => p.Variants, (p, v) => new { PostId = p.Id, v.SocialChannelId, v.Platform, IsLive = v.LiveUrl != null })
            .ToListAsync(cancellationToken);
        var variantsOf = variants.ToLookup(v => v.PostId, v => new VariantRow(v.SocialChannelId, v.Platform, v.IsLive));
        var rows = posts.Select(p => new PostRow(p.Id, p.TeamId, p.WorkingTitle, p.Status, p.PlannedAt, p.AuthorAadObjectId, [.. variantsOf[p.Id]])).ToList();
        var channels = await database.SocialChannels.AsNoTracking()
            .Where(c => teamIds.Contains(c.TeamId) && !c.IsArchived)
            .Select(c => new { c.Id, c.TeamId, c.Platform, c.Handle })
            .ToListAsync(cancellationToken);
        var goals = await database.CadenceGoals.AsNoTracking()
            .Where(g => teamIds.Contains(g.TeamId) && g.PostsPerWeek > 0)
            .ToDictionaryAsync(g => g.SocialChannelId, g => g.PostsPerWeek, cancellationToken);
        var names = await NamesAsync([.. rows.Select(r => r.AuthorAadObjectId).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken);
        var calendars = new Dictionary<string, WorkingCalendar>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            calendars[team.Team.TeamId] = (await reminderSettings.SettingsOfAsync(team.Team.TeamId, cancellationToken)).Calendar(team.Team.TimeZoneId);
        }

        var placed = rows
            .Select(row => (Row: row, Local: TimeZoneInfo.ConvertTime(row.PlannedAt, zones[row.TeamId])))
            .Select(p => (p.Row, p.Local, Day: DateOnly.FromDateTime(p.Local.DateTime)))
            .ToList();
        var access = teams.ToDictionary(t => t.Team.TeamId, StringComparer.Ordinal);
        var listed = placed
            .Where(p => p.Day >= from && p.Day <= to)
            .OrderBy(p => p.Row.PlannedAt)
            .ThenBy(p => p.Row.Id)
            .Select(p => ItemOf(p.Row, p.Local, access[p.Row.TeamId], names, now))
            .ToList();

        // Per lane and week: the posts that count toward the cadence goal, by the digest's rule (TabGoals.Counts).
        var counting = placed
            .Where(p => TabGoals.Counts(p.Row.Status, p.Row.PlannedAt, now))
            .SelectMany(p => p.Row.Variants.Select(v => (v.SocialChannelId, p.Day)))
            .ToLookup(x => x.SocialChannelId, x => x.Day);
        var weekStarts = Enumerable.Range(0, (afterLastWeek.DayNumber - firstMonday.DayNumber) / 7).Select(i => firstMonday.AddDays(7 * i)).ToList();
        var lanes = channels
            .OrderBy(c => teamIds.IndexOf(c.TeamId))
            .ThenBy(c => c.Platform)
            .ThenBy(c => c.Handle, StringComparer.CurrentCultureIgnoreCase)
            .Select(c =>
            {
                int? goal = goals.TryGetValue(c.Id, out var perWeek) ? perWeek : null;
                var days = counting[c.Id].ToList();
                var plannedDays = days.ToHashSet();
                var weeks = weekStarts.Select(monday => new TabWeekJson(monday, days.Count(d => d >= monday && d < monday.AddDays(7)), goal)).ToList();
                var calendar = calendars[c.TeamId];
                var gapDays = goal is null ? [] : weeks
                    .Where(w => w.Planned < goal)
                    .SelectMany(w => Enumerable.Range(0, 7).Select(w.WeekStart.AddDays))
                    .Where(day => day >= from && day <= to && calendar.IsWorkingDay(day) && !plannedDays.Contains(day))
                    .ToList();
                return new TabLaneJson(c.TeamId, c.Id, $"{PlatformNames.Display(c.Platform)} {c.Handle}", c.Platform.ToString(), goal, weeks, gapDays);
            })
            .ToList();
        return new TabCalendarJson(from, to, [.. teams.Select(t => t.ToJson())], lanes, listed);
    }

    /// <summary>The post's details; null when it is not a post of one of <paramref name="teams"/>.</summary>
    public async Task<TabPostDetailsJson?> DetailsAsync(IReadOnlyList<TabTeamAccess> teams, Guid postId, CancellationToken cancellationToken)
    {
        if (await AccessToPostAsync(teams, postId, cancellationToken) is not { } access)
        {
            return null;
        }

        var found = await workflow.FindAsync(access.Team.TeamId, postId, access.AadObjectId, cancellationToken);
        if (found.Post is not { } post)
        {
            return null;
        }

        var zone = PostConversation.Zone(access.Team);
        var policy = await workflow.PolicyOfAsync(access.Team.TeamId, cancellationToken);
        var progress = policy.Evaluate(post);
        var reviewers = progress.Levels.SelectMany(level => level.EligibleReviewers.Select(id => (Id: id, Level: PostDisplayNames.Level(level.Level.Name)))).ToList();
        var names = await NamesAsync(
            [.. reviewers.Select(r => r.Id).Append(post.AuthorAadObjectId).Concat(post.Decisions.Select(d => d.ReviewerAadObjectId)).Concat(post.Comments.Select(c => c.AuthorAadObjectId))],
            cancellationToken);
        var channelIds = post.Variants.Select(v => v.SocialChannelId).ToList();
        var channels = await database.SocialChannels.AsNoTracking()
            .Where(c => c.TeamId == access.Team.TeamId && channelIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        var card = await database.PostApprovalMessages.AsNoTracking()
            .Where(m => m.PostId == post.Id)
            .Select(m => new { m.ConversationId, m.ActivityId })
            .FirstOrDefaultAsync(cancellationToken);
        var confirmed = post.Decisions
            .Where(d => d.Revision == post.CurrentRevision && d.Verdict == ReviewVerdict.Approved)
            .SelectMany(d => d.ConfirmedChecklistItems)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var local = post.PlannedPublishAt is { } planned ? TimeZoneInfo.ConvertTime(planned, zone) : (DateTimeOffset?)null;
        string Name(string id) => names.GetValueOrDefault(id) ?? id;
        return new TabPostDetailsJson(
            post.Id,
            post.TeamId,
            post.WorkingTitle,
            TabStates.Of(post.Status, post.PlannedPublishAt, timeProvider.GetUtcNow()),
            local,
            local is { } l ? DateOnly.FromDateTime(l.DateTime) : null,
            local?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            new TabPersonJson(post.AuthorAadObjectId, Name(post.AuthorAadObjectId)),
            post.Tags,
            [.. post.Variants.OrderBy(v => v.Platform).ThenBy(v => v.SocialChannelId).Select(v => new TabVariantJson(
                v.SocialChannelId, channels.GetValueOrDefault(v.SocialChannelId) ?? PlatformNames.Display(v.Platform), v.Platform.ToString(), v.Text))],
            [.. reviewers.DistinctBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Select(r => new TabReviewerJson(r.Id, Name(r.Id), r.Level))],
            [.. post.Decisions.OrderBy(d => d.Sequence).Select(d => new TabDecisionJson(Name(d.ReviewerAadObjectId), TabStates.Decision(d.Verdict), d.Comment, TimeZoneInfo.ConvertTime(d.DecidedAt, zone)))],
            [.. post.Comments.OrderBy(c => c.Sequence).Select(c => new TabCommentJson(Name(c.AuthorAadObjectId), c.Text, TimeZoneInfo.ConvertTime(c.CreatedAt, zone)))],
            [.. policy.Checklist.Items.Select(i => new TabChecklistItemJson(i.Text, confirmed.Contains(i.Id)))],
            card is null ? null : ApprovalCardUrl(card.ConversationId, card.ActivityId, access.Team.TenantId),
            PostWorkflow.CanMoveSlot(access.Actor, post.AuthorAadObjectId, post.Status));
    }

    /// <summary>The team (with the caller's role) a post belongs to, if the caller is in it; null for every other post.</summary>
    public async Task<TabTeamAccess?> AccessToPostAsync(IReadOnlyList<TabTeamAccess> teams, Guid postId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teams);
        var teamId = await database.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => p.TeamId).FirstOrDefaultAsync(cancellationToken);
        return teamId is null ? null : teams.FirstOrDefault(t => t.Team.TeamId == teamId);
    }

    /// <summary>Moves the post by the chat's rule; the post as the calendar lists it afterwards, or the refusal.</summary>
    public async Task<(TabPostJson? Post, PostWorkflowResult Result)> MoveAsync(TabTeamAccess access, Guid postId, DateTimeOffset publishAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var result = await conversation.MoveSlotAsync(access.Team, postId, access.AadObjectId, publishAt, turnServiceUrl: null, cancellationToken);
        if (!result.Succeeded || result.Post is not { PlannedPublishAt: { } plannedAt } post)
        {
            return (null, result);
        }

        var names = await NamesAsync([post.AuthorAadObjectId], cancellationToken);
        var row = new PostRow(post.Id, post.TeamId, post.WorkingTitle, post.Status, plannedAt, post.AuthorAadObjectId,
            [.. post.Variants.Select(v => new VariantRow(v.SocialChannelId, v.Platform, v.IsLive))]);
        return (ItemOf(row, TimeZoneInfo.ConvertTime(plannedAt, PostConversation.Zone(access.Team)), access, names, timeProvider.GetUtcNow()), result);
    }

    /// <summary>
    /// A Teams deep link to the card's message. The bot knows the channel's conversation id and the message id, not the
    /// team's group id; Teams opens the message with these (the parent of a channel's root message is itself).
    /// </summary>
    public static string ApprovalCardUrl(string conversationId, string activityId, string? tenantId)
    {
        var channelId = conversationId.Split(";messageid=", 2)[0];
        var url = $"https://teams.microsoft.com/l/message/{Uri.EscapeDataString(channelId)}/{Uri.EscapeDataString(activityId)}?parentMessageId={Uri.EscapeDataString(activityId)}";
        return tenantId is { Length: > 0 } ? url + $"&tenantId={Uri.EscapeDataString(tenantId)}" : url;
    }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The instant a local day starts in <paramref name="zone"/> (a midnight the clocks skip starts an hour later).</summary>
    public static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static TabPostJson ItemOf(PostRow row, DateTimeOffset local, TabTeamAccess access, Dictionary<string, string> names, DateTimeOffset now)
    {
        var variants = row.Variants.Count == 1 ? row.Variants : [.. row.Variants.OrderBy(v => v.Platform).ThenBy(v => v.SocialChannelId)];
        return new TabPostJson(
            row.Id,
            row.TeamId,
            row.Title,
            [.. variants.Select(v => v.SocialChannelId)],
            [.. variants.Select(v => v.Platform.ToString()).Distinct()],
            local,
            DateOnly.FromDateTime(local.DateTime),
            local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            new TabPersonJson(row.AuthorAadObjectId, names.GetValueOrDefault(row.AuthorAadObjectId) ?? row.AuthorAadObjectId),
            TabStates.Of(row.Status, row.PlannedAt, now),
            PostWorkflow.CanMoveSlot(access.Actor, row.AuthorAadObjectId, row.Status));
    }

    private async Task<Dictionary<string, string>> NamesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new(StringComparer.OrdinalIgnoreCase);
        }

        var people = await database.People.AsNoTracking()
            .Where(p => ids.Contains(p.AadObjectId) && p.Name != null)
            .Select(p => new { p.AadObjectId, p.Name })
            .ToListAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people)
        {
            names[person.AadObjectId] = person.Name!;
        }

        return names;
    }

    private sealed record PostRow(Guid Id, string TeamId, string Title, PostStatus Status, DateTimeOffset PlannedAt, string AuthorAadObjectId, List<VariantRow> Variants);

    private sealed record VariantRow(int SocialChannelId, Platform Platform, bool IsLive);
}

/// <summary>What counts toward a social channel's weekly cadence goal.</summary>
public static class TabGoals
{
    /// <summary>
    /// The digest's rule for "behind the weekly goal" (DigestComposer's cadence progress): a post counts when it went
    /// out, or when it is in review, approved or scheduled and its time is still ahead. Drafts, change requests and
    /// missed slots are not a plan anyone can rely on.
    /// </summary>
    public static bool Counts(PostStatus status, DateTimeOffset plannedAt, DateTimeOffset now) =>
        status == PostStatus.Published || (status is PostStatus.InReview or PostStatus.Approved or PostStatus.Scheduled && plannedAt > now);
}
