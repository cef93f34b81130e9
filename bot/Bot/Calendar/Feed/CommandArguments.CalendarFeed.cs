using Bot.Calendar.Feed;

namespace Bot.Turns;

public sealed partial class CommandArguments
{
    /// <summary><c>calendar feed</c>, <c>calendar feed revoke [personal|team]</c> (German <c>kalender-feed [widerrufen [persönlich|team]]</c>).</summary>
    public static ChatCommand? CalendarFeed(CommandArguments args)
    {
        if (args._tokens.Any(t => t.Person is not null))
        {
            return null;
        }

        return args._tokens.Select(t => Normalized(t.Text)).ToList() switch
        {
            [] => new CalendarFeedCommand(Revoke: false, null),
            [var word] when IsRevoke(word) => new CalendarFeedCommand(Revoke: true, null),
            [var word, "personal" or "personlich" or "privat"] when IsRevoke(word) => new CalendarFeedCommand(Revoke: true, CalendarFeedKind.Personal),
            [var word, "team" or "teams"] when IsRevoke(word) => new CalendarFeedCommand(Revoke: true, CalendarFeedKind.Team),
            _ => null,
        };
    }

    /// <summary><c>calendar feed team [team name]</c>, <c>calendar feed team revoke [team name]</c> (German <c>kalender-feed team [widerrufen] [teamname]</c>).</summary>
    public static ChatCommand? TeamCalendarFeed(CommandArguments args)
    {
        if (args._tokens.Any(t => t.Person is not null))
        {
            return null;
        }

        var text = args._text.Trim();
        if (args.Count > 0 && IsRevoke(Normalized(args._tokens[0].Text)))
        {
            var rest = text[args._tokens[0].Text.Length..].Trim();
            return new TeamCalendarFeedCommand(Revoke: true, rest.Length == 0 ? null : rest);
        }

        return new TeamCalendarFeedCommand(Revoke: false, text.Length == 0 ? null : text);
    }

    private static bool IsRevoke(string word) => word is "revoke" or "widerrufen" or "off" or "aus" or "abschalten";
}
