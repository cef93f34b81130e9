using Bot.Metrics;

namespace Bot.Turns;

public sealed partial class CommandArguments
{
    /// <summary>
    /// <c>metrics keys</c> / <c>metrics key list</c>, <c>metrics key create [label]</c>, <c>metrics key revoke smb_…</c>
    /// (German <c>metrics-schlüssel [liste|erstellen [label]|widerrufen smb_…]</c>).
    /// </summary>
    public static ChatCommand? MetricsKey(CommandArguments args)
    {
        if (args.Count == 0)
        {
            return new MetricsKeysCommand();
        }

        if (args._tokens[0].Person is not null)
        {
            return null;
        }

        var word = Normalized(args._tokens[0].Text);
        var rest = args._text.TrimStart()[args._tokens[0].Text.Length..].Trim();
        return word switch
        {
            "list" or "liste" or "anzeigen" when args.Count == 1 => new MetricsKeysCommand(),
            "create" or "new" or "erstellen" or "neu" or "anlegen" => new CreateMetricsKeyCommand(rest.Length == 0 ? null : rest),
            "revoke" or "widerrufen" or "sperren" when args.Count == 2 && args._tokens[1].Person is null => new RevokeMetricsKeyCommand(args._tokens[1].Text.Trim('`')),
            _ => null,
        };
    }

    /// <summary><c>import metrics [team name]</c>: the team's name as written, for people with several teams.</summary>
    public static ChatCommand ImportMetrics(CommandArguments args)
    {
        var team = args._text.Trim();
        return new ImportMetricsCommand(team.Length == 0 ? null : team);
    }
}
