using Bot.Teams;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Privacy;

/// <summary>
/// The erasure confirmation's button: role and team are checked again here, whatever the card said. The route asks
/// only for a team member because an erasure already done answers so to anyone; <see cref="PersonErasure"/> refuses
/// everyone but the team's coordinator.
/// </summary>
[CardAction(Verb)]
public sealed class ErasePersonAction(BotDbContext database, PersonErasure erasure) : ICardAction
{
    public const string Verb = "person.erase";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        PrivacyCards.Outcome(await EraseAsync(request, cancellationToken));

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => PrivacyCards.Outcome(refusal);

    private async Task<string> EraseAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor, role) = request.Actor;
        var person = request.Input(PrivacyCards.PersonData);
        if (string.IsNullOrEmpty(person) || Pseudonyms.IsPseudonym(person))
        {
            return Texts.EraseAlreadyDone;
        }

        var result = await erasure.EraseAsync(team, actor, person, cancellationToken);
        return result.Outcome switch
        {
            // The answer is kept for redeliveries, so it does not name the person it just erased.
            ErasureOutcome.Erased => Texts.FormatErased(
                Texts.FormatFormerMember(Pseudonyms.Tag(result.Pseudonym!)),
                result.HandedOverSocialChannels is { Count: > 0 } channels ? await HandOverListAsync(channels, cancellationToken) : Texts.NoSocialChannels,
                result.HandedOverPosts),
            ErasureOutcome.NotCoordinator => TurnActors.NotAllowed(ActorRequirement.Coordinator, role),
            ErasureOutcome.CannotEraseYourself => Texts.EraseYourself,
            _ => Texts.EraseAlreadyDone,
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
}
