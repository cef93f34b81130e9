using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Staffing;

/// <summary>"Who looks after what" and "your social channels": grouped by platform so 40 social channels stay readable.</summary>
public static class StaffingCards
{
    public static AdaptiveCard Overview(IReadOnlyList<StaffingRow> rows, BotTexts texts)
    {
        var body = new List<AdaptiveElement> { new TextBlock(texts.OverviewTitle) { Size = "Large", Weight = "Bolder" } };
        if (rows.Count == 0)
        {
            body.Add(new TextBlock(texts.OverviewEmpty));
        }

        foreach (var platform in rows.GroupBy(r => r.SocialChannel.Platform))
        {
            body.Add(new TextBlock(PlatformNames.Display(platform.Key)) { Weight = "Bolder", Size = "Medium", Spacing = "Large", Separator = true });
            foreach (var row in platform)
            {
                body.Add(new Container
                {
                    Spacing = "Small",
                    Items =
                    [
                        new TextBlock(row.SocialChannel.Handle) { Weight = "Bolder" },
                        new FactSet
                        {
                            Facts =
                            [
                                new Fact(texts.OverviewOwner, row.OwnerName ?? texts.Nobody),
                                new Fact(texts.OverviewBackups, row.BackupNames.Count == 0 ? "–" : string.Join(", ", row.BackupNames)),
                                new Fact(texts.OverviewToday, row.TodayName ?? texts.Nobody),
                                new Fact(texts.OverviewPosts, texts.OverviewPostCounts(row.PostsInReview, row.PostsNextSevenDays, row.LastPublishedOn is { } last ? texts.Date(last) : texts.Never)),
                                new Fact(texts.OverviewCadence, row.Goal is { } goal ? texts.OverviewCadenceValue(row.PublishedThisWeek, goal.PostsPerWeek) : texts.OverviewNoGoal),
                            ],
                        },
                    ],
                });
            }
        }

        return new AdaptiveCard { Body = body, Msteams = new TeamsCardProperties { Width = "Full" } };
    }

    public static AdaptiveCard Mine(IReadOnlyList<(StaffingRow Row, Responsibility Responsibility, string? CoveringFor)> mine, BotTexts texts)
    {
        var body = new List<AdaptiveElement> { new TextBlock(texts.MyChannelsTitle) { Size = "Large", Weight = "Bolder" } };
        if (mine.Count == 0)
        {
            body.Add(new TextBlock(texts.MyChannelsEmpty));
        }
        else
        {
            body.Add(new FactSet
            {
                Facts =
                [
                    .. mine.Select(entry => new Fact(
                        entry.Row.SocialChannel.DisplayName,
                        entry.Responsibility switch
                        {
                            Responsibility.Owner => texts.ResponsibilityOwner,
                            Responsibility.Backup => texts.ResponsibilityBackup,
                            _ => texts.ResponsibilityCovering(entry.CoveringFor ?? texts.Nobody),
                        })),
                ],
            });
        }

        return new AdaptiveCard { Body = body };
    }
}
