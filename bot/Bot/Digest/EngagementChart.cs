using System.Globalization;
using ScottPlot;

namespace Bot.Digest;

/// <summary>
/// The digest's 14-day engagement chart as a PNG. Teams shows it on a light, a dark or a high-contrast background, so
/// the picture has none of its own (transparent), its text and grid are a mid grey that reads on both, and the lines
/// use a palette of mid-bright colours that keep their contrast against white and against Teams' dark grey.
/// </summary>
public static class EngagementChart
{
    public const int Width = 800;
    public const int Height = 400;

    private static readonly Color Ink = Color.FromHex("#8A8A8A");
    private static readonly Color Grid = Color.FromHex("#8A8A8A").WithAlpha(0.35);

    // Category10 without its darkest entries, which vanish on a dark theme.
    private static readonly Color[] Lines =
    [
        Color.FromHex("#1F9BDE"), Color.FromHex("#FF8C1A"), Color.FromHex("#2CA02C"), Color.FromHex("#E84A5F"),
        Color.FromHex("#9B6BCE"), Color.FromHex("#C49A6C"), Color.FromHex("#E377C2"), Color.FromHex("#17BECF"),
    ];

    public static byte[] Render(IReadOnlyList<ChartSeries> series, string title, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(culture);
        using var plot = new Plot();
        plot.FigureBackground.Color = Colors.Transparent;
        plot.DataBackground.Color = Colors.Transparent;
        plot.Axes.Color(Ink);
        plot.Grid.MajorLineColor = Grid;
        plot.Title(title);
        plot.Axes.Title.Label.ForeColor = Ink;

        var days = series.SelectMany(s => s.Points.Select(p => p.Day)).Distinct().Order().ToList();
        for (var i = 0; i < series.Count; i++)
        {
            // A day without figures is left out rather than drawn as zero: the line bridges it instead of dipping.
            var known = series[i].Points.Where(p => p.Engagements is not null).ToList();
            if (known.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(
                known.Select(p => (double)days.IndexOf(p.Day)).ToArray(),
                known.Select(p => (double)p.Engagements!.Value).ToArray());
            line.Color = Lines[i % Lines.Length];
            line.LineWidth = 2;
            line.MarkerSize = 4;
            line.LegendText = series[i].Name;
        }

        if (days.Count > 0)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (var i = 0; i < days.Count; i += 2)
            {
                ticks.AddMajor(i, days[i].ToString(culture.TwoLetterISOLanguageName == "de" ? "dd.MM." : "MMM d", culture));
            }

            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.SetLimitsX(-0.5, days.Count - 0.5);
        }

        plot.Axes.Margins(bottom: 0);
        plot.Legend.BackgroundColor = Colors.Transparent;
        plot.Legend.OutlineColor = Grid;
        plot.Legend.FontColor = Ink;
        plot.Legend.ShadowColor = Colors.Transparent;

        // Beside the lines, not over them: with eight social channels a legend inside would hide the latest days.
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
