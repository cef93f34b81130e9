using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Staffing;

/// <summary>"Who looks after what" and "your social channels": grouped by platform so 40 social channels stay readable.</summary>
public static class StaffingCards
{
    public static AdaptiveCard Overview(IReadOnlyList<StaffingRow> rows)
    {
        var body = new List<AdaptiveElement> { new TextBlock(Texts.OverviewTitle) { Size = "Large", Weight = "Bolder" } };
        if (rows.Count == 0)
        {
            body.Add(new TextBlock(Texts.OverviewEmpty));
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
                                new Fact(Texts.OverviewOwner, row.OwnerName ?? Texts.Nobody),
                                new Fact(Texts.OverviewBackups, row.BackupNames.Count == 0 ? "–" : string.Join(", ", row.BackupNames)),
                                new Fact(Texts.OverviewToday, row.TodayName ?? Texts.Nobody),
                                new Fact(Texts.OverviewPosts, Texts.FormatOverviewPostCounts(row.PostsInReview, row.PostsNextSevenDays, row.LastPublishedOn is { } last ? LocalFormat.Date(last) : Texts.Never)),
                                new Fact(Texts.OverviewCadence, row.Goal is { } goal ? Texts.FormatOverviewCadenceValue(row.PublishedThisWeek, goal.PostsPerWeek) : Texts.OverviewNoGoal),
                            ],
                        },
                    ],
                });
            }
        }

        return new AdaptiveCard { Body = body, Msteams = new TeamsCardProperties { Width = "Full" } };
    }

    public static AdaptiveCard Mine(IReadOnlyList<(StaffingRow Row, Responsibility Responsibility, string? CoveringFor)> mine)
    {
        var body = new List<AdaptiveElement> { new TextBlock(Texts.MyChannelsTitle) { Size = "Large", Weight = "Bolder" } };
        if (mine.Count == 0)
        {
            body.Add(new TextBlock(Texts.MyChannelsEmpty));
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
                            Responsibility.Owner => Texts.ResponsibilityOwner,
                            Responsibility.Backup => Texts.ResponsibilityBackup,
                            _ => Texts.FormatResponsibilityCovering(entry.CoveringFor ?? Texts.Nobody),
                        })),
                ],
            });
        }

        return new AdaptiveCard { Body = body };
    }
}
