using Bot.Reminders;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Turns;

public sealed partial class CommandArguments
{
    private static readonly TimeSpan LongestSnooze = TimeSpan.FromDays(14);

    /// <summary><c>snooze id 2h</c>: minutes (m), hours (h) or days (d, German t for Tage), at most two weeks.</summary>
    public static ChatCommand? Snooze(CommandArguments args)
    {
        if (args.Count != 2 || args._tokens[0].Person is not null || !IsShortPostId(args._tokens[0].Text))
        {
            return null;
        }

        var match = DurationPattern().Match(args._tokens[1].Text);
        if (!match.Success || !int.TryParse(match.Groups["amount"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount == 0)
        {
            return null;
        }

        var duration = char.ToLowerInvariant(match.Groups["unit"].Value[0]) switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' or 's' => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return duration > LongestSnooze ? null : new SnoozeCommand(args._tokens[0].Text.TrimStart('#'), duration);
    }

    // "2h", "30m", "1d", and the German "2std", "1t"/"1tag".
    [GeneratedRegex(@"^(?<amount>\d{1,4})\s*(?<unit>min|m|h|std|d|t|tag|tage)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
