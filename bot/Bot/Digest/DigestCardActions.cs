using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Digest;

/// <summary>The digest settings card's "Save".</summary>
public sealed class SaveDigestSettingsAction(DigestChat digest) : ICardAction
{
    public string Verb => CardVerbs.SaveDigestSettings;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => digest.SaveSettingsAsync(request, cancellationToken);
}
