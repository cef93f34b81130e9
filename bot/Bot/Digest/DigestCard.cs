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

    public static AdaptiveCard Create(BotTexts texts, EngagementDigest digest, string? chartUrl)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(digest);
        var mentions = new Dictionary<string, Mention>(StringComparer.OrdinalIgnoreCase);
        List<AdaptiveElement> body =
        [
            new TextBlock(texts.DigestTitle(DayName(texts, digest.Today))) { Size = "Large", Weight = "Bolder" },
            new TextBlock(digest.PeriodFirstDay == digest.PeriodLastDay
                ? texts.DigestPeriodYesterday(DayName(texts, digest.PeriodLastDay))
                : texts.DigestPeriodSince(DayName(texts, digest.PeriodFirstDay), DayName(texts, digest.PeriodLastDay))) { IsSubtle = true, Spacing = "None" },
        ];
        if (!digest.HasMetrics)
        {
            body.Add(new TextBlock(texts.DigestNoMetrics) { Color = "Accent" });
        }

        foreach (var section in digest.Sections)
        {
            var part = section switch
            {
                DigestSection.Yesterday => Yesterday(texts, digest),
                DigestSection.TopAndWeakestPost => TopAndWeakest(texts, digest),
                DigestSection.BehindCadence => BehindCadence(texts, digest, mentions),
                DigestSection.WaitingForReview => Waiting(texts, digest),
                DigestSection.GoingOutToday => Today(texts, digest),
                DigestSection.Chart => Chart(texts, chartUrl),
                DigestSection.WeekAhead => WeekAhead(texts, digest),
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
    public static string Heading(BotTexts texts, DigestSection section)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return section switch
        {
            DigestSection.Yesterday => texts.DigestYesterdayHeading,
            DigestSection.TopAndWeakestPost => texts.DigestTopHeading,
            DigestSection.BehindCadence => texts.DigestBehindHeading,
            DigestSection.WaitingForReview => texts.DigestWaitingHeading,
            DigestSection.GoingOutToday => texts.DigestTodayHeading,
            DigestSection.Chart => texts.DigestChartHeading,
            _ => texts.DigestWeekAheadHeading,
        };
    }

    private static Container Section(BotTexts texts, DigestSection section, IEnumerable<AdaptiveElement> items) => new()
    {
        Separator = true,
        Spacing = "Medium",
        Items = [new TextBlock(Heading(texts, section)) { Weight = "Bolder", Size = "Medium" }, .. items],
    };

    private static Container Yesterday(BotTexts texts, EngagementDigest digest)
    {
        var listed = digest.SocialChannels
            .OrderByDescending(c => c.Figures.HasData)
            .ThenByDescending(c => c.Figures.Impressions ?? 0)
            .ThenByDescending(c => c.Figures.PostsPublished)
            .ToList();
        var facts = new List<Fact> { new(texts.DigestTotal, FigureLine(texts, digest.Total, digest.HasMetrics)) };
        facts.AddRange(listed.Take(MaxSocialChannelLines).Select(c => new Fact(c.Name, FigureLine(texts, c.Figures, digest.HasMetrics))));
        List<AdaptiveElement> items = [new FactSet { Facts = facts }];
        AddMore(texts, items, listed.Count - MaxSocialChannelLines);
        return Section(texts, DigestSection.Yesterday, items);
    }

    /// <summary>"2 posts · 1.234 impressions ↑ 12 % · 56 engagements ↓ 3 % · engagement rate 4,5 % ↑ 0,3 pp".</summary>
    private static string FigureLine(BotTexts texts, FigureSet figures, bool hasMetrics)
    {
        var parts = new List<string> { texts.DigestPosts(figures.PostsPublished) };
        if (!figures.HasData)
        {
            if (hasMetrics)
            {
                parts.Add(texts.DigestNoFigures);
            }

            return string.Join(" · ", parts);
        }

        if (figures.Impressions is { } impressions)
        {
            parts.Add(texts.DigestImpressions(Number(texts, impressions), Change(texts, figures.ImpressionsChange)));
        }

        parts.Add(texts.DigestEngagements(Number(texts, figures.Engagements ?? 0), Change(texts, figures.EngagementsChange)));
        parts.Add(figures.EngagementRate is { } rate
            ? texts.DigestRate(Rate(texts, rate), figures.EngagementRateChangePoints is { } points ? " " + Arrow(points) + " " + texts.DigestPercentPoints((Math.Abs(points) * 100).ToString("0.0", texts.Culture)) : string.Empty)
            : texts.DigestNoRate);
        return string.Join(" · ", parts);
    }

    private static Container? TopAndWeakest(BotTexts texts, EngagementDigest digest)
    {
        if (digest.TopPost is null)
        {
            return digest.HasMetrics ? Section(texts, DigestSection.TopAndWeakestPost, [new TextBlock(texts.DigestNoPostFigures) { IsSubtle = true }]) : null;
        }

        List<AdaptiveElement> items = [new TextBlock(PostLine(texts, digest.TopPost, top: true)) { Color = "Good" }];
        if (digest.WeakestPost is { } weakest)
        {
            items.Add(new TextBlock(PostLine(texts, weakest, top: false)) { Color = "Warning", Spacing = "Small" });
        }

        return Section(texts, DigestSection.TopAndWeakestPost, items);
    }

    private static string PostLine(BotTexts texts, PostPerformance post, bool top)
    {
        var link = $"[{Escape(post.WorkingTitle)}]({post.LiveUrl})";
        return top
            ? texts.DigestTopPost(link, post.SocialChannelName, Rate(texts, post.EngagementRate), Number(texts, post.Impressions))
            : texts.DigestWeakestPost(link, post.SocialChannelName, Rate(texts, post.EngagementRate), Number(texts, post.Impressions));
    }

    private static Container BehindCadence(BotTexts texts, EngagementDigest digest, Dictionary<string, Mention> mentions)
    {
        if (digest.BehindCadence.Count == 0)
        {
            return Section(texts, DigestSection.BehindCadence, [new TextBlock(texts.DigestOnTrack) { IsSubtle = true }]);
        }

        List<AdaptiveElement> items =
        [
            .. digest.BehindCadence.Take(MaxListLines).Select(c => new TextBlock(
                "- " + texts.DigestBehindLine(c.Name, c.Published, c.Goal, c.StillPlanned, c.Owner is null ? texts.DigestNoOwner : Mention(c.Owner, mentions))) { Spacing = "Small" }),
        ];
        AddMore(texts, items, digest.BehindCadence.Count - MaxListLines);
        return Section(texts, DigestSection.BehindCadence, items);
    }

    private static Container Waiting(BotTexts texts, EngagementDigest digest)
    {
        if (digest.WaitingForReview.Count == 0)
        {
            return Section(texts, DigestSection.WaitingForReview, [new TextBlock(texts.DigestNothingWaiting) { IsSubtle = true }]);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(digest.TimeZoneId);
        List<AdaptiveElement> items =
        [
            .. digest.WaitingForReview.Take(MaxListLines).Select(w => new TextBlock(
                (w.IsOverdue ? "⚠ **" + texts.DigestOverdue + "** " : "- ")
                + texts.DigestWaitingLine(
                    Escape(w.WorkingTitle),
                    PostWorkflow.ShortId(w.PostId),
                    w.Author.Name,
                    w.WaitingOn.Count == 0 ? texts.DigestNoReviewer : string.Join(", ", w.WaitingOn.Select(p => p.Name)),
                    PostCards.Instant(texts, w.Since, zone)))
            {
                Spacing = "Small",
                Color = w.IsOverdue ? "Attention" : null,
            }),
        ];
        AddMore(texts, items, digest.WaitingForReview.Count - MaxListLines);
        return Section(texts, DigestSection.WaitingForReview, items);
    }

    private static Container Today(BotTexts texts, EngagementDigest digest)
    {
        if (digest.GoingOutToday.Count == 0)
        {
            return Section(texts, DigestSection.GoingOutToday, [new TextBlock(texts.DigestNothingToday) { IsSubtle = true }]);
        }

        List<AdaptiveElement> items =
        [
            .. digest.GoingOutToday.Take(MaxListLines).Select(p => new TextBlock(
                "- " + texts.DigestTodayLine(p.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), Escape(p.WorkingTitle), string.Join(", ", p.SocialChannelNames))
                + (p.IsApproved ? string.Empty : " (" + texts.DigestNotApproved + ")"))
            {
                Spacing = "Small",
                Color = p.IsApproved ? null : "Warning",
            }),
        ];
        AddMore(texts, items, digest.GoingOutToday.Count - MaxListLines);
        return Section(texts, DigestSection.GoingOutToday, items);
    }

    private static Container? Chart(BotTexts texts, string? chartUrl) =>
        chartUrl is null ? null : Section(texts, DigestSection.Chart, [new Image { Url = chartUrl, AltText = texts.DigestChartTitle, Size = "Stretch" }]);

    private static Container? WeekAhead(BotTexts texts, EngagementDigest digest)
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
                        DayName(texts, day.Day),
                        day.Planned.Count > 0 ? string.Join(", ", day.Planned.Select(p => $"{p.SocialChannelName} ({p.Posts})"))
                        : day.IsGap ? "⚠ " + texts.DigestGap
                        : texts.DigestDayOff)),
                ],
            },
        };
        var gaps = week.Days.Count(d => d.IsGap);
        if (gaps > 0)
        {
            items.Add(new TextBlock(texts.DigestGaps(gaps)) { Color = "Attention", Spacing = "Small" });
        }

        if (digest.LastWeekGoals.Count > 0)
        {
            items.Add(new TextBlock(texts.DigestLastWeekHeading) { Weight = "Bolder", Spacing = "Medium" });
            items.AddRange(digest.LastWeekGoals.Take(MaxSocialChannelLines).Select(g => new TextBlock(
                (g.Published >= g.Goal ? "✓ " : "✗ ")
                + texts.DigestGoalLine(g.Name, g.Published, g.Goal)
                + (g.EngagementRateTarget is { } target
                    ? texts.DigestGoalRate(g.EngagementRate is { } rate ? Rate(texts, rate) : texts.DigestNoFigures, texts.Percent(target))
                    : string.Empty))
            {
                Spacing = "Small",
                Color = g.Published >= g.Goal ? "Good" : "Warning",
            }));
            AddMore(texts, items, digest.LastWeekGoals.Count - MaxSocialChannelLines);
        }

        return Section(texts, DigestSection.WeekAhead, items);
    }

    /// <summary>A coordinator's form: on or off, the local time, the days, and which sections the card carries.</summary>
    public static AdaptiveCard Settings(BotTexts texts, TeamDigestSettings settings, string timeZoneId, string? nextRun, string? notice = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(settings);
        var culture = CultureInfo.InvariantCulture;
        List<AdaptiveElement> body = [new TextBlock(texts.DigestSettingsTitle) { Size = "Large", Weight = "Bolder" }];
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = "Attention" });
        }

        if (nextRun is not null)
        {
            body.Add(new TextBlock(texts.DigestSettingsNextRun(nextRun)) { IsSubtle = true });
        }

        body.AddRange(
        [
            new InputToggle { Id = EnabledInput, Title = texts.DigestSettingsEnabled, Value = settings.IsEnabled ? "true" : "false" },
            new InputTime { Id = TimeInput, Label = texts.DigestSettingsTime(timeZoneId), Value = settings.LocalTime.ToString("HH:mm", culture) },
            new InputChoiceSet
            {
                Id = DaysInput,
                Label = texts.DigestSettingsDays,
                IsMultiSelect = true,
                Value = string.Join(",", settings.Days.Select(d => ((int)d).ToString(culture))),
                Choices = [.. WeekFromMonday.Select(d => new Choice(texts.Culture.DateTimeFormat.GetDayName(d), ((int)d).ToString(culture)))],
            },
            new InputChoiceSet
            {
                Id = SectionsInput,
                Label = texts.DigestSettingsSections,
                IsMultiSelect = true,
                Style = "expanded",
                Value = string.Join(",", Enum.GetValues<DigestSection>().Where(s => !settings.SwitchedOffSections.Contains(s))),
                Choices = [.. Enum.GetValues<DigestSection>().Select(s => new Choice(SectionName(texts, s), s.ToString()))],
            },
            new ActionSet { Actions = [new ActionExecute { Title = texts.SettingsSave, Verb = SaveDigestSettingsAction.Verb, Style = "positive" }] },
        ]);
        return new AdaptiveCard { Body = body };
    }

    public static string SectionName(BotTexts texts, DigestSection section)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return section switch
        {
            DigestSection.WeekAhead => texts.DigestSectionWeekAhead,
            _ => Heading(texts, section),
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

    private static void AddMore(BotTexts texts, List<AdaptiveElement> items, int more)
    {
        if (more > 0)
        {
            items.Add(new TextBlock(texts.DigestAndMore(more)) { IsSubtle = true, Spacing = "Small" });
        }
    }

    private static string DayName(BotTexts texts, DateOnly day) =>
        $"{texts.Culture.DateTimeFormat.GetAbbreviatedDayName(day.DayOfWeek)} {texts.Date(day)}";

    private static string Number(BotTexts texts, long value) => value.ToString("N0", texts.Culture);

    private static string Rate(BotTexts texts, double rate) => rate.ToString("P1", texts.Culture);

    private static string Arrow(double change) => change switch
    {
        > 0.0005 => "↑",
        < -0.0005 => "↓",
        _ => "→",
    };

    private static string Change(BotTexts texts, double? change) =>
        change is { } value ? " " + Arrow(value) + " " + Math.Abs(value).ToString("P0", texts.Culture) : string.Empty;

    /// <summary>A title in a Markdown link or line must not open links or emphasis of its own.</summary>
    private static string Escape(string text) => text.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal).Replace("*", "∗", StringComparison.Ordinal);
}
