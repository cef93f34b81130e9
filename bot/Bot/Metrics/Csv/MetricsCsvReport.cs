using Bot.Localization;
using Bot.Teams;

namespace Bot.Metrics.Csv;

/// <summary>What an import of a CSV file did, in words: the chat answers a sent file with it and the CLI prints it.</summary>
public static class MetricsCsvReport
{
    private const int BadLinesShown = 15;

    public static string Text(string fileName, Team team, MetricsCsvResult result)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        var layout = MetricsDisplayNames.Layout(result.Layout);
        if (report.Succeeded)
        {
            return Texts.FormatMetricsImportDone(fileName, layout, team.Name ?? Texts.YourTeam, report.Read, report.Inserted, report.Updated, report.Unchanged);
        }

        var badLines = report.Errors.Select(e => e.Position).Distinct().Count();
        var lines = report.Errors.Take(BadLinesShown).Select(e => Texts.FormatMetricsImportBadLine(e.Position, MetricsDisplayNames.Problem(e))).ToList();
        if (report.Errors.Count > BadLinesShown)
        {
            lines.Add(Texts.FormatMetricsImportMoreBadLines(report.Errors.Count - BadLinesShown));
        }

        return $"{Texts.FormatMetricsImportFailed(fileName, layout, report.Read, badLines)}\n\n{string.Join("\n", lines)}";
    }
}
