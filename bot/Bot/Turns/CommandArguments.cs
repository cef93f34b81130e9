using Bot.Posts;
using System.Globalization;
using System.Text.RegularExpressions;
using Bot.AuditExport;
using Bot.Protocol.Schema;
using Bot.Staffing;
using Bot.Teams;
using Bot.Webhooks;

namespace Bot.Turns;

/// <summary>
/// The words after a command, with Teams mentions kept whole: <c>&lt;at&gt;Anna Schmidt&lt;/at&gt;</c> is one token that
/// carries the person's id from the mention entity. Each Create method returns <c>null</c> when the words do not fit.
/// </summary>
public sealed partial class CommandArguments
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "d.M.yy"];
    private readonly List<Token> _tokens;
    private readonly string _text;

    public CommandArguments(string text, IReadOnlyList<Mention> mentions)
    {
        _text = text;
        _tokens = [];
        foreach (Match match in TokenPattern().Matches(text))
        {
            if (match.Groups["mention"].Success)
            {
                var tag = match.Value;
                var mention = mentions.FirstOrDefault(m => string.Equals(m.Text ?? $"<at>{m.Mentioned?.Name}</at>", tag, StringComparison.OrdinalIgnoreCase));
                var name = match.Groups["mention"].Value.Trim();
                _tokens.Add(mention?.Mentioned?.Id is { } id ? new Token(tag, new MentionedPerson(id, mention.Mentioned.Name ?? name)) : new Token(name, null));
            }
            else
            {
                _tokens.Add(new Token(match.Value, null));
            }
        }
    }

    public int Count => _tokens.Count;

    /// <summary>One short post id (8 hex digits, a leading # allowed).</summary>
    public static ChatCommand? PostReference(CommandArguments args, Func<string, ChatCommand> create) =>
        args.Count == 1 && args._tokens[0].Person is null && IsShortPostId(args._tokens[0].Text) ? create(args._tokens[0].Text.TrimStart('#')) : null;

    /// <summary>The words are one person: a mention, or a name as typed.</summary>
    public static ChatCommand? Person(CommandArguments args, Func<PersonReference, ChatCommand> create) =>
        args.PersonFrom(0, args.Count) is { } person ? create(person) : null;
    /// <summary><c>comment id text…</c>: the text kept as written (spaces, mentions' names, punctuation).</summary>
    public static ChatCommand? Comment(CommandArguments args)
    {
        if (args.Count < 2 || args._tokens[0].Person is not null || !IsShortPostId(args._tokens[0].Text))
        {
            return null;
        }

        var text = args._text.TrimStart()[args._tokens[0].Text.Length..].Trim();
        return text.Length == 0 ? null : new CommentPostCommand(args._tokens[0].Text.TrimStart('#'), text);
    }

    /// <summary><c>2026-11-01..2026-11-30</c> or <c>01.11.2026..30.11.2026</c>, or one day.</summary>
    public static ChatCommand? ExportAudit(CommandArguments args)
    {
        if (args.Count != 1 || args._tokens[0].Person is not null)
        {
            return null;
        }

        var range = args._tokens[0].Text.Split("..", 2);
        if (!TryParseDate(range[0], out var first))
        {
            return null;
        }

        var last = first;
        if (range.Length == 2 && !TryParseDate(range[1], out last))
        {
            return null;
        }

        return last >= first ? new ExportAuditCommand(first, last) : null;
    }

    /// <summary><c>status</c>, <c>off</c>/<c>aus</c>, or <c>https://… secret|geheimnis …</c>.</summary>
    public static ChatCommand? Webhook(CommandArguments args) => args._tokens.Select(t => t.Person is null ? t.Text : null).ToList() switch
    {
        [{ } word] when Normalized(word) == "status" => new WebhookStatusCommand(),
        [{ } word] when Normalized(word) is "off" or "aus" => new RemoveWebhookCommand(),
        [{ } url, { } keyword, { } secret] when Normalized(keyword) is "secret" or "geheimnis" => new SetWebhookCommand(url, secret),
        _ => null,
    };

    /// <summary><c>published id url [platform]</c>.</summary>
    public static ChatCommand? Published(CommandArguments args)
    {
        if (args.Count is < 2 or > 3 || !IsShortPostId(args._tokens[0].Text) || args._tokens[1].Person is not null)
        {
            return null;
        }

        Platform? platform = null;
        if (args.Count == 3)
        {
            if (!PlatformNames.TryParse(args._tokens[2].Text, out var parsed))
            {
                return new UnknownPlatformCommand(args._tokens[2].Text);
            }

            platform = parsed;
        }

        return new PublishedCommand(args._tokens[0].Text.TrimStart('#'), args._tokens[1].Text, platform);
    }

    private static bool IsShortPostId(string text)
    {
        var id = text.TrimStart('#');
        return id.Length == 8 && id.All(char.IsAsciiHexDigit);
    }

    public static ChatCommand? Assignment(CommandArguments args, AssignmentKind kind) =>
        args.PersonThenSocialChannel() is var (person, channel) ? new AssignCommand(person, channel, kind) : args.UnknownPlatformAfterPerson();

    public static ChatCommand? Unassignment(CommandArguments args) =>
        args.PersonThenSocialChannel() is var (person, channel) ? new UnassignCommand(person, channel) : args.UnknownPlatformAfterPerson();

    public static ChatCommand? AddSocialChannel(CommandArguments args)
    {
        if (args.Count is 2 or 3 && args._tokens[0].Person is null && !PlatformNames.TryParse(args._tokens[0].Text, out _))
        {
            return new UnknownPlatformCommand(args._tokens[0].Text);
        }

        if (args.Count is < 2 or > 3 || !PlatformNames.TryParse(args._tokens[0].Text, out var platform) || args._tokens[1].Person is not null)
        {
            return null;
        }

        string? url = null;
        if (args.Count == 3)
        {
            if (!Uri.TryCreate(args._tokens[2].Text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                return null;
            }

            url = uri.AbsoluteUri;
        }

        return new AddSocialChannelCommand(platform, args._tokens[1].Text, url);
    }

    public static ChatCommand? Role(CommandArguments args)
    {
        if (args.Count < 2 || !TryParseRole(args._tokens[^1].Text, out var role))
        {
            return null;
        }

        var person = args.PersonFrom(0, args.Count - 1);
        return person is null ? null : new SetRoleCommand(person, role);
    }

    public static ChatCommand? Away(CommandArguments args)
    {
        if (args.Count == 0)
        {
            return new AwayFormCommand();
        }

        var coverIndex = args._tokens.FindIndex(t => t.Person is null && Normalized(t.Text) is "cover" or "vertretung");
        var end = coverIndex < 0 ? args.Count : coverIndex;
        var rangeIndex = args._tokens.FindIndex(0, end, t => t.Person is null && t.Text.Contains("..", StringComparison.Ordinal));
        if (rangeIndex < 1)
        {
            return null;
        }

        var range = args._tokens[rangeIndex].Text.Split("..", 2);
        if (!TryParseDate(range[0], out var first) || !TryParseDate(range[1], out var last) || rangeIndex != end - 1)
        {
            return null;
        }

        if (last < first)
        {
            return new ImpossibleArguments(() => AbsenceRules.RangeReversed(first, last));
        }

        var person = args.PersonFrom(0, rangeIndex);
        PersonReference? cover = null;
        if (coverIndex >= 0)
        {
            cover = args.PersonFrom(coverIndex + 1, args.Count);
            if (cover is null)
            {
                return null;
            }
        }

        return person is null ? null : new AwayCommand(person, first, last, cover);
    }

    public static ChatCommand? Goal(CommandArguments args)
    {
        if (args.Count < 2 || !PlatformNames.TryParse(args._tokens[0].Text, out var platform))
        {
            return null;
        }

        var index = 1;
        string? handle = null;
        if (!CadencePattern().IsMatch(args._tokens[index].Text))
        {
            handle = args._tokens[index].Text;
            index++;
        }

        if (index >= args.Count || CadencePattern().Match(args._tokens[index].Text) is not { Success: true } cadence)
        {
            return null;
        }

        var postsPerWeek = int.Parse(cadence.Groups["count"].Value, CultureInfo.InvariantCulture);
        index++;
        decimal? engagement = null;
        if (index < args.Count)
        {
            if (Normalized(args._tokens[index].Text) != "engagement" || index + 2 != args.Count
                || PercentPattern().Match(args._tokens[index + 1].Text) is not { Success: true } percent)
            {
                return null;
            }

            engagement = decimal.Parse(percent.Groups["value"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) / 100m;
        }

        return postsPerWeek is < 1 or > 100 ? null : new SetGoalCommand(new SocialChannelReference(platform, handle), postsPerWeek, engagement);
    }

    internal static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    internal static bool TryParseRole(string text, out TeamRole role)
    {
        (var found, role) = Normalized(text) switch
        {
            "coordinator" or "koordinator" or "koordinatorin" => (true, TeamRole.Coordinator),
            "editor" or "redakteur" or "redakteurin" => (true, TeamRole.Editor),
            "reviewer" or "freigeber" or "freigeberin" or "prufer" or "pruferin" => (true, TeamRole.Reviewer),
            "viewer" or "leser" or "leserin" => (true, TeamRole.Viewer),
            _ => (false, TeamRole.Viewer),
        };
        return found;
    }

    /// <summary>"@Anna myspace": a mentioned person followed by one word that is no platform.</summary>
    private ChatCommand? UnknownPlatformAfterPerson() =>
        Count is 2 or 3 && _tokens[0].Person is not null && _tokens[1].Person is null && !PlatformNames.TryParse(_tokens[1].Text, out _)
            ? new UnknownPlatformCommand(_tokens[1].Text)
            : null;

    /// <summary>"@Anna instagram", "Anna Schmidt insta @contoso_de": the person, then a platform word, then maybe a handle.</summary>
    private (PersonReference Person, SocialChannelReference Channel)? PersonThenSocialChannel()
    {
        if (Count < 2)
        {
            return null;
        }

        var platformIndex = _tokens.FindIndex(1, t => t.Person is null && PlatformNames.TryParse(t.Text, out _));
        if (platformIndex < 1 || platformIndex < Count - 2)
        {
            return null;
        }

        PlatformNames.TryParse(_tokens[platformIndex].Text, out var platform);
        var handle = platformIndex == Count - 2 ? _tokens[^1].Text : null;
        var person = PersonFrom(0, platformIndex);
        return person is null ? null : (person, new SocialChannelReference(platform, handle));
    }

    private PersonReference? PersonFrom(int start, int end)
    {
        if (end - start == 1 && _tokens[start].Person is { } mentioned)
        {
            return mentioned;
        }

        if (end <= start || _tokens.Skip(start).Take(end - start).Any(t => t.Person is not null))
        {
            return null;
        }

        return new NamedPerson(string.Join(' ', _tokens.Skip(start).Take(end - start).Select(t => t.Text)));
    }

    private static string Normalized(string text) => ChatCommandParser.Normalize(text);

    [GeneratedRegex(@"<at>(?<mention>.*?)</at>|\S+", RegexOptions.IgnoreCase)]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(?<count>\d{1,3})(/(week|woche|w))?$", RegexOptions.IgnoreCase)]
    private static partial Regex CadencePattern();

    [GeneratedRegex(@"^(?<value>\d{1,2}([.,]\d{1,2})?)\s?%$")]
    private static partial Regex PercentPattern();

    private sealed record Token(string Text, MentionedPerson? Person);
}
