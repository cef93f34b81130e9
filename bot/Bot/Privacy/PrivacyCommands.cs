using Bot.AuditExport;
using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.Builder;
using Bot.Protocol.Schema;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Privacy;

/// <summary>
/// Data protection in chat: a coordinator erases someone who has left. Asking shows a confirmation card; only the
/// card's button erases, and it is checked again on the server then.
/// </summary>
public sealed partial class PrivacyCommands(
    BotDbContext database,
    TeamDirectory teams,
    PersonErasure erasure,
    DownloadTokens tokens,
    IHttpContextAccessor http,
    IOptions<DownloadOptions> downloads,
    ILogger<PrivacyCommands> logger)
{
    /// <summary>
    /// <c>my data</c>: a short-lived link to everything stored about the asker, only in the personal chat, since the
    /// link is as good as the data for whoever reads it.
    /// </summary>
    public async Task MyDataAsync(ITurnContext turn, BotTexts texts, CancellationToken cancellationToken)
    {
        if (!string.Equals(turn.Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase)
            || turn.Activity.From?.AadObjectId is not { Length: > 0 } person)
        {
            await turn.SendActivityAsync(texts.MyDataOnlyInPersonalChat, cancellationToken);
            return;
        }

        var link = $"{DownloadEndpoints.BaseUrl(downloads.Value, http.HttpContext?.Request)}{DownloadEndpoints.PersonalDataPath}/{tokens.IssuePersonalData(person)}";
        LogPersonalDataLinkIssued(logger, person);
        await turn.SendActivityAsync(texts.MyDataReady(link, (int)tokens.Lifetime.TotalMinutes), cancellationToken);
    }

    public async Task RequestErasureAsync(ITurnContext turn, ErasePersonCommand command, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var acting = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            await turn.SendActivityAsync(refusal, cancellationToken);
            return;
        }

        var (team, actor, _) = acting!;

        var candidates = await KnownPeopleAsync(team.TeamId, command.Person, cancellationToken);
        switch (candidates)
        {
            case []:
                await turn.SendActivityAsync(texts.EraseUnknownPerson(command.Person.Name), cancellationToken);
                break;
            case [var person]:
                var card = PrivacyCards.ConfirmErasure(texts, person.Name ?? command.Person.Name, person.AadObjectId);
                await turn.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
                break;
            default:
                await turn.SendActivityAsync(texts.PersonAmbiguous(command.Person.Name, string.Join(", ", candidates.Select(c => c.Name))), cancellationToken);
                break;
        }
    }

    /// <summary>The confirmation card's button.</summary>
    public async Task<string> EraseAsync(ITurnContext turn, Team? activityTeam, string? person, BotTexts texts, CancellationToken cancellationToken)
    {
        var team = await teams.ResolveTeamAsync(turn.Activity, activityTeam, cancellationToken);
        var actor = turn.Activity.From?.AadObjectId;
        if (team is null || actor is null)
        {
            return texts.NeedsTeam;
        }

        if (string.IsNullOrEmpty(person) || Pseudonyms.IsPseudonym(person))
        {
            return texts.EraseAlreadyDone;
        }

        var result = await erasure.EraseAsync(team, actor, person, cancellationToken);
        return result.Outcome switch
        {
            // The answer is kept for redeliveries, so it does not name the person it just erased.
            ErasureOutcome.Erased => texts.Erased(
                texts.FormerMember(Pseudonyms.Tag(result.Pseudonym!)),
                result.HandedOverSocialChannels is { Count: > 0 } channels ? await HandOverListAsync(channels, cancellationToken) : texts.NoSocialChannels,
                result.HandedOverPosts),
            ErasureOutcome.NotCoordinator => texts.NotCoordinator(texts.RoleName(await teams.RoleOfAsync(team.TeamId, actor, cancellationToken))),
            ErasureOutcome.CannotEraseYourself => texts.EraseYourself,
            _ => texts.EraseAlreadyDone,
        };
    }

    private async Task<string> HandOverListAsync(IReadOnlyList<(int SocialChannelId, string NewOwnerAadObjectId)> channels, CancellationToken cancellationToken)
    {
        var channelIds = channels.Select(c => c.SocialChannelId).ToList();
        var ownerIds = channels.Select(c => c.NewOwnerAadObjectId).ToList();
        var names = await database.SocialChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        var owners = await database.People.AsNoTracking().Where(p => ownerIds.Contains(p.AadObjectId)).ToDictionaryAsync(p => p.AadObjectId, p => p.Name ?? p.AadObjectId, cancellationToken);
        return string.Join(", ", channels.Select(c => $"{names.GetValueOrDefault(c.SocialChannelId)} → {owners.GetValueOrDefault(c.NewOwnerAadObjectId, c.NewOwnerAadObjectId)}"));
    }

    /// <summary>
    /// Someone who has left is no longer in the team's member list in Teams, so they are looked up in what the bot
    /// stored for this team: by mention (their Teams id) or by name.
    /// </summary>
    private async Task<List<Person>> KnownPeopleAsync(string teamId, PersonReference reference, CancellationToken cancellationToken)
    {
        var inTeam = database.TeamMemberships.Where(m => m.TeamId == teamId).Select(m => m.AadObjectId)
            .Union(database.Assignments.Where(a => a.TeamId == teamId).Select(a => a.AadObjectId))
            .Union(database.Posts.Where(p => p.TeamId == teamId).Select(p => p.AuthorAadObjectId));
        var people = database.People.AsNoTracking().Where(p => inTeam.Contains(p.AadObjectId));
        if (reference is MentionedPerson mentioned)
        {
            return await people.Where(p => p.TeamsUserId == mentioned.UserId).ToListAsync(cancellationToken);
        }

        var named = await people.Where(p => p.Name != null).ToListAsync(cancellationToken);
        var wanted = ChatCommandParser.Normalize(reference.Name);
        var exact = named.Where(p => ChatCommandParser.Normalize(p.Name!) == wanted).ToList();
        return exact.Count > 0 ? exact : [.. named.Where(p => ChatCommandParser.Normalize(p.Name!).Split(' ').Contains(wanted))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data link issued to {AadObjectId}")]
    private static partial void LogPersonalDataLinkIssued(ILogger logger, string aadObjectId);
}
