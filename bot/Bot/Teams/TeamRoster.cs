using Bot.Localization;
using System.Net;
using Bot.Persistence;
using Bot.Protocol.Connector;

namespace Bot.Teams;

/// <summary>A member of a Teams team: the lasting AAD object id, the bot-specific <c>29:</c> id and the display name.</summary>
public sealed record TeamMember(string AadObjectId, string UserId, string Name);

public abstract record RosterLookup;

public sealed record MemberFound(TeamMember Member) : RosterLookup;

public sealed record NotInTeam(string Name) : RosterLookup;

public sealed record NobodyNamed(string Name) : RosterLookup;

public sealed record SeveralNamed(string Name, IReadOnlyList<string> Candidates) : RosterLookup;

/// <summary>
/// Looks people up in the team's real member list through the connector, so that someone who has left the team
/// cannot be assigned, and a mention's <c>29:</c> id becomes the lasting AAD object id.
/// </summary>
public sealed class TeamRoster(ConnectorClientFactory connectors, BotDbContext database, TimeProvider timeProvider)
{
    public async Task<RosterLookup> FindAsync(Team team, string serviceUrl, PersonReference person, CancellationToken cancellationToken)
    {
        var connector = connectors.Create(serviceUrl);
        var lookup = person switch
        {
            MentionedPerson mentioned => await FindMentionedAsync(connector, team, mentioned, cancellationToken),
            _ => await FindByNameAsync(connector, team, person.Name, cancellationToken),
        };
        if (lookup is MemberFound found)
        {
            await RememberAsync(found.Member, team, cancellationToken);
        }

        return lookup;
    }

    /// <summary>The first page of the team's members, enough to offer in a form; larger teams use @mentions.</summary>
    public async Task<IReadOnlyList<TeamMember>> FirstMembersAsync(Team team, string serviceUrl, CancellationToken cancellationToken)
    {
        try
        {
            var page = await connectors.Create(serviceUrl).GetConversationPagedMembersAsync(team.TeamId, 100, null, cancellationToken);
            return [.. (page?.Members ?? []).Where(m => m.AadObjectId is { Length: > 0 } && m.Id is not null).Select(m => new TeamMember(m.AadObjectId!, m.Id!, m.Name ?? m.Id!))];
        }
        catch (ConnectorException e) when (NoSuchMemberList(e))
        {
            return [];
        }
    }

    private static async Task<RosterLookup> FindMentionedAsync(ConnectorClient connector, Team team, MentionedPerson mentioned, CancellationToken cancellationToken)
    {
        try
        {
            var member = await connector.GetConversationMemberAsync(team.TeamId, mentioned.UserId, cancellationToken);
            return member?.AadObjectId is { Length: > 0 } aad
                ? new MemberFound(new TeamMember(aad, member.Id ?? mentioned.UserId, member.Name ?? mentioned.Name))
                : new NotInTeam(mentioned.Name);
        }
        catch (ConnectorException e) when (NoSuchMemberList(e))
        {
            return new NotInTeam(mentioned.Name);
        }
    }

    // The connector knows no such team (or member) under these ids: for the lookup that means "not found", an answer
    // for the user, not a failed turn that Teams would deliver again to the same end.
    private static bool NoSuchMemberList(ConnectorException e) =>
        e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong;

    /// <summary>Pages through the members (the unpaged list is throttled hard) and matches the name like a person would.</summary>
    private static async Task<RosterLookup> FindByNameAsync(ConnectorClient connector, Team team, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await MatchByNameAsync(connector, team, name, cancellationToken);
        }
        catch (ConnectorException e) when (NoSuchMemberList(e))
        {
            return new NobodyNamed(name);
        }
    }

    private static async Task<RosterLookup> MatchByNameAsync(ConnectorClient connector, Team team, string name, CancellationToken cancellationToken)
    {
        var wanted = TextFolding.Fold(name);
        var exact = new List<TeamMember>();
        var partial = new List<TeamMember>();
        string? continuation = null;
        do
        {
            var page = await connector.GetConversationPagedMembersAsync(team.TeamId, 100, continuation, cancellationToken);
            foreach (var member in page?.Members ?? [])
            {
                if (member.AadObjectId is not { Length: > 0 } aad || member.Name is null || member.Id is null)
                {
                    continue;
                }

                var candidate = new TeamMember(aad, member.Id, member.Name);
                var memberName = TextFolding.Fold(member.Name);
                if (memberName == wanted)
                {
                    exact.Add(candidate);
                }
                else if (memberName.Split(' ').Contains(wanted) || memberName.StartsWith(wanted + " ", StringComparison.Ordinal))
                {
                    partial.Add(candidate);
                }
            }

            continuation = page?.ContinuationToken;
        }
        while (continuation is not null);

        var matches = exact.Count > 0 ? exact : partial;
        return matches.Count switch
        {
            0 => new NobodyNamed(name),
            1 => new MemberFound(matches[0]),
            _ => new SeveralNamed(name, [.. matches.Select(m => m.Name)]),
        };
    }

    private async Task RememberAsync(TeamMember member, Team team, CancellationToken cancellationToken)
    {
        var person = await database.People.FindAsync([member.AadObjectId], cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (person is null)
        {
            person = new Person { AadObjectId = member.AadObjectId, FirstSeenAt = now };
            database.People.Add(person);
        }

        person.Name = member.Name;
        person.TeamsUserId = member.UserId;
        person.TenantId ??= team.TenantId;
        person.LastSeenAt = now;
        await database.SaveChangesAsync(cancellationToken);
    }
}
