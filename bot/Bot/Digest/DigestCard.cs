using System.Globalization;
using Bot.Localization;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Schema;

namespace Bot.Digest;

/// <summary>
/// The morning digest as a card, its sections in <see cref="DigestSection"/> order. Long lists are cut with "and N
/// more" so a team with 40 social channels stays far below Teams' message size limit.
/// </summary>
public static class DigestCard
{
    public const int MaxSocialChannelLines = 12;
    public const int MaxListLines = 8;

    public const string EnabledInput = "digestEnabled";
    public const string TimeInput = "digestTime";
    public const string DaysInput = "digestDays";
    public const string SectionsInput = "digestSections";

    public static AdaptiveCard Create(EngagementDigest digest, string? chartUrl)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var mentions = new Dictionary<string, Mention>(StringComparer.OrdinalIgnoreCase);
        List<AdaptiveElement> body =
        [
            new TextBlock(Texts.FormatDigestTitle(DayName(digest.Today))) { Size = "Large", Weight = "Bolder" },
            new TextBlock(digest.PeriodFirstDay == digest.PeriodLastDay
                ? Texts.FormatDigestPeriodYesterday(DayName(digest.PeriodLastDay))
                : Texts.FormatDigestPeriodSince(DayName(digest.PeriodFirstDay), DayName(digest.PeriodLastDay))) { IsSubtle = true, Spacing = "None" },
        ];
        if (!digest.HasMetrics)
        {
            body.Add(new TextBlock(Texts.DigestNoMetrics) { Color = "Accent" });
        }

        foreach (var section in digest.Sections)
        {
            var part = section switch
            {
                DigestSection.Yesterday => Yesterday(digest),
                DigestSection.TopAndWeakestPost => TopAndWeakest(digest),
                DigestSection.BehindCadence => BehindCadence(digest, mentions),
                DigestSection.WaitingForReview => Waiting(digest),
                DigestSection.GoingOutToday => Today(digest),
                DigestSection.Chart => Chart(chartUrl),
                DigestSection.WeekAhead => WeekAhead(digest),
                _ => null,
            };
            if (part is not null)
            {
                body.Add(part);
            }
        }

        return new AdaptiveCard
        {
            Body = body,
            Msteams = new TeamsCardProperties { Width = "Full", Entities = mentions.Count == 0 ? null : [.. mentions.Values] },
        };
    }

    /// <summary>The heading each section starts with, also how tests find the order.</summary>
    public static string Heading(DigestSection section)
    {
        return section switch
        {
            DigestSection.Yesterday => Texts.DigestYesterdayHeading,
            DigestSection.TopAndWeakestPost => Texts.DigestTopHeading,
            DigestSection.BehindCadence => Texts.DigestBehindHeading,
            DigestSection.WaitingForReview => Texts.DigestWaitingHeading,
            DigestSection.GoingOutToday => Texts.DigestTodayHeading,
            DigestSection.Chart => Texts.DigestChartHeading,
            _ => Texts.DigestWeekAheadHeading,
        };
    }

    private static Container Section(DigestSection section, IEnumerable<AdaptiveElement> items) => new()
    {
        Separator = true,
        Spacing = "Medium",
        Items = [new TextBlock(Heading(section)) { Weight = "Bolder", Size = "Medium" }, .. items],
    };

    private static Container Yesterday(EngagementDigest digest)
    {
        var listed = digest.SocialChannels
            .OrderByDescending(c => c.Figures.HasData)
            .ThenByDescending(c => c.Figures.Impressions ?? 0)
            .ThenByDescending(c => c.Figures.PostsPublished)
            .ToList();
        var facts = new List<Fact> { new(Texts.DigestTotal, FigureLine(digest.Total, digest.HasMetrics)) };
        facts.AddRange(listed.Take(MaxSocialChannelLines).Select(c => new Fact(c.Name, FigureLine(c.Figures, digest.HasMetrics))));
        List<AdaptiveElement> items = [new FactSet { Facts = facts }];
        AddMore(items, listed.Count - MaxSocialChannelLines);
        return Section(DigestSection.Yesterday, items);
    }

    /// <summary>"2 posts · 1.234 impressions ↑ 12 % · 56 engagements ↓ 3 % · engagement rate 4,5 % ↑ 0,3 pp".</summary>
    private static string FigureLine(FigureSet figures, bool hasMetrics)
    {
        var parts = new List<string> { Texts.FormatDigestPosts(figures.PostsPublished) };
        if (!figures.HasData)
        {
            if (hasMetrics)
            {
                parts.Add(Texts.DigestNoFigures);
            }

            return string.Join(" · ", parts);
        }

        if (figures.Impressions is { } impressions)
        {
            parts.Add(Texts.FormatDigestImpressions(Number(impressions), Change(figures.ImpressionsChange)));
        }

        parts.Add(Texts.FormatDigestEngagements(Number(figures.Engagements ?? 0), Change(figures.EngagementsChange)));
        parts.Add(figures.EngagementRate is { } rate
            ? Texts.FormatDigestRate(Rate(rate), figures.EngagementRateChangePoints is { } points ? " " + Arrow(points) + " " + Texts.FormatDigestPercentPoints((Math.Abs(points) * 100).ToString("0.0", BotLanguage.Current)) : string.Empty)
            : Texts.DigestNoRate);
        return string.Join(" · ", parts);
    }

    private static Container? TopAndWeakest(EngagementDigest digest)
    {
        if (digest.TopPost is null)
        {
            return digest.HasMetrics ? Section(DigestSection.TopAndWeakestPost, [new TextBlock(Texts.DigestNoPostFigures) { IsSubtle = true }]) : null;
        }

        List<AdaptiveElement> items = [new TextBlock(PostLine(digest.TopPost, top: true)) { Color = "Good" }];
        if (digest.WeakestPost is { } weakest)
        {
            items.Add(new TextBlock(PostLine(weakest, top: false)) { Color = "Warning", Spacing = "Small" });
        }

        return Section(DigestSection.TopAndWeakestPost, items);
    }

    private static string PostLine(PostPerformance post, bool top)
    {
        var link = $"[{Escape(post.WorkingTitle)}]({post.LiveUrl})";
        return top
            ? Texts.FormatDigestTopPost(link, post.SocialChannelName, Rate(post.EngagementRate), Number(post.Impressions))
            : Texts.FormatDigestWeakestPost(link, post.SocialChannelName, Rate(post.EngagementRate), Number(post.Impressions));
    }

    private static Container BehindCadence(EngagementDigest digest, Dictionary<string, Mention> mentions)
    {
        if (digest.BehindCadence.Count == 0)
        {
            return Section(DigestSection.BehindCadence, [new TextBlock(Texts.DigestOnTrack) { IsSubtle = true }]);
        }

        List<AdaptiveElement> items =
        [
            .. digest.BehindCadence.Take(MaxListLines).Select(c => new TextBlock(
                "- " + Texts.FormatDigestBehindLine(c.Name, c.Published, c.Goal, c.StillPlanned, c.Owner is null ? Texts.DigestNoOwner : Mention(c.Owner, mentions))) { Spacing = "Small" }),
        ];
        AddMore(items, digest.BehindCadence.Count - MaxListLines);
        return Section(DigestSection.BehindCadence, items);
    }

    private static Container Waiting(EngagementDigest digest)
    {
        if (digest.WaitingForReview.Count == 0)
        {
            return Section(DigestSection.WaitingForReview, [new TextBlock(Texts.DigestNothingWaiting) { IsSubtle = true }]);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(digest.TimeZoneId);
        List<AdaptiveElement> items =
        [
            .. digest.WaitingForReview.Take(MaxListLines).Select(w => new TextBlock(
                (w.IsOverdue ? "⚠ **" + Texts.DigestOverdue + "** " : "- ")
                + Texts.FormatDigestWaitingLine(
                    Escape(w.WorkingTitle),
                    PostWorkflow.ShortId(w.PostId),
                    w.Author.Name,
                    w.WaitingOn.Count == 0 ? Texts.DigestNoReviewer : string.Join(", ", w.WaitingOn.Select(p => p.Name)),
                    PostCards.Instant(w.Since, zone)))
            {
                Spacing = "Small",
                Color = w.IsOverdue ? "Attention" : null,
            }),
        ];
        AddMore(items, digest.WaitingForReview.Count - MaxListLines);
        return Section(DigestSection.WaitingForReview, items);
    }

    private static Container Today(EngagementDigest digest)
    {
        if (digest.GoingOutToday.Count == 0)
        {
            return Section(DigestSection.GoingOutToday, [new TextBlock(Texts.DigestNothingToday) { IsSubtle = true }]);
        }

        List<AdaptiveElement> items =
        [
            .. digest.GoingOutToday.Take(MaxListLines).Select(p => new TextBlock(
                "- " + Texts.FormatDigestTodayLine(p.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), Escape(p.WorkingTitle), string.Join(", ", p.SocialChannelNames))
                + (p.IsApproved ? string.Empty : " (" + Texts.DigestNotApproved + ")"))
            {
                Spacing = "Small",
                Color = p.IsApproved ? null : "Warning",
            }),
        ];
        AddMore(items, digest.GoingOutToday.Count - MaxListLines);
        return Section(DigestSection.GoingOutToday, items);
    }

    private static Container? Chart(string? chartUrl) =>
        chartUrl is null ? null : Section(DigestSection.Chart, [new Image { Url = chartUrl, AltText = Texts.DigestChartTitle, Size = "Stretch" }]);

    private static Container? WeekAhead(EngagementDigest digest)
    {
        if (digest.WeekAhead is not { } week)
        {
            return null;
        }

        var items = new List<AdaptiveElement>
        {
            new FactSet
            {
                Facts =
                [
                    .. week.Days.Select(day => new Fact(
                        DayName(day.Day),
                        day.Planned.Count > 0 ? string.Join(", ", day.Planned.Select(p => $"{p.SocialChannelName} ({p.Posts})"))
                        : day.IsGap ? "⚠ " + Texts.DigestGap
                        : Texts.DigestDayOff)),
                ],
            },
        };
        var gaps = week.Days.Count(d => d.IsGap);
        if (gaps > 0)
        {
            items.Add(new TextBlock(Texts.FormatDigestGaps(gaps)) { Color = "Attention", Spacing = "Small" });
        }

        if (digest.LastWeekGoals.Count > 0)
        {
            items.Add(new TextBlock(Texts.DigestLastWeekHeading) { Weight = "Bolder", Spacing = "Medium" });
            items.AddRange(digest.LastWeekGoals.Take(MaxSocialChannelLines).Select(g => new TextBlock(
                (g.Published >= g.Goal ? "✓ " : "✗ ")
                + Texts.FormatDigestGoalLine(g.Name, g.Published, g.Goal)
                + (g.EngagementRateTarget is { } target
                    ? Texts.FormatDigestGoalRate(g.EngagementRate is { } rate ? Rate(rate) : Texts.DigestNoFigures, LocalFormat.Percent(target))
                    : string.Empty))
            {
                Spacing = "Small",
                Color = g.Published >= g.Goal ? "Good" : "Warning",
            }));
            AddMore(items, digest.LastWeekGoals.Count - MaxSocialChannelLines);
        }

        return Section(DigestSection.WeekAhead, items);
    }

    /// <summary>A coordinator's form: on or off, the local time, the days, and which sections the card carries.</summary>
    public static AdaptiveCard Settings(TeamDigestSettings settings, string timeZoneId, string? nextRun, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var culture = CultureInfo.InvariantCulture;
        List<AdaptiveElement> body = [new TextBlock(Texts.DigestSettingsTitle) { Size = "Large", Weight = "Bolder" }];
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Attention" });
        }

        if (nextRun is not null)
        {
            body.Add(new TextBlock(Texts.FormatDigestSettingsNextRun(nextRun)) { IsSubtle = true });
        }

        body.AddRange(
        [
            new InputToggle { Id = EnabledInput, Title = Texts.DigestSettingsEnabled, Value = settings.IsEnabled ? "true" : "false" },
            new InputTime { Id = TimeInput, Label = Texts.FormatDigestSettingsTime(timeZoneId), Value = settings.LocalTime.ToString("HH:mm", culture) },
            new InputChoiceSet
            {
                Id = DaysInput,
                Label = Texts.DigestSettingsDays,
                IsMultiSelect = true,
                Value = string.Join(",", settings.Days.Select(d => ((int)d).ToString(culture))),
                Choices = [.. WeekFromMonday.Select(d => new Choice(BotLanguage.Current.DateTimeFormat.GetDayName(d), ((int)d).ToString(culture)))],
            },
            new InputChoiceSet
            {
                Id = SectionsInput,
                Label = Texts.DigestSettingsSections,
                IsMultiSelect = true,
                Style = "expanded",
                Value = string.Join(",", Enum.GetValues<DigestSection>().Where(s => !settings.SwitchedOffSections.Contains(s))),
                Choices = [.. Enum.GetValues<DigestSection>().Select(s => new Choice(SectionName(s), s.ToString()))],
            },
            new ActionSet { Actions = [new ActionExecute { Title = Texts.SettingsSave, Verb = SaveDigestSettingsAction.Verb, Style = "positive" }] },
        ]);
        return new AdaptiveCard { Body = body };
    }

    public static string SectionName(DigestSection section)
    {
        return section switch
        {
            DigestSection.WeekAhead => Texts.DigestSectionWeekAhead,
            _ => Heading(section),
        };
    }

    private static readonly DayOfWeek[] WeekFromMonday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static string Mention(DigestPerson person, Dictionary<string, Mention> mentions)
    {
        if (person.TeamsUserId is not { Length: > 0 } userId)
        {
            return person.Name;
        }

        var tag = $"<at>{person.Name}</at>";
        mentions.TryAdd(person.AadObjectId, new Mention { Text = tag, Mentioned = new ChannelAccount(userId, person.Name) });
        return tag;
    }

    private static void AddMore(List<AdaptiveElement> items, int more)
    {
        if (more > 0)
        {
            items.Add(new TextBlock(Texts.FormatDigestAndMore(more)) { IsSubtle = true, Spacing = "Small" });
        }
    }

    private static string DayName(DateOnly day) =>
        $"{BotLanguage.Current.DateTimeFormat.GetAbbreviatedDayName(day.DayOfWeek)} {LocalFormat.Date(day)}";

    private static string Number(long value) => value.ToString("N0", BotLanguage.Current);

    private static string Rate(double rate) => rate.ToString("P1", BotLanguage.Current);

    private static string Arrow(double change) => change switch
    {
        > 0.0005 => "↑",
        < -0.0005 => "↓",
        _ => "→",
    };

    private static string Change(double? change) =>
        change is { } value ? " " + Arrow(value) + " " + Math.Abs(value).ToString("P0", BotLanguage.Current) : string.Empty;

    /// <summary>A title in a Markdown link or line must not open links or emphasis of its own.</summary>
    private static string Escape(string text) => text.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal).Replace("*", "∗", StringComparison.Ordinal);
}
