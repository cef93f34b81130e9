using System.Text.Json;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Turns;

/// <summary>What a card button asks for, whether it came as an Action.Execute invoke or as its Action.Submit fallback.</summary>
public sealed record CardActionRequest(string Verb, JsonElement? Data, BotTexts Texts, Protocol.Builder.ITurnContext Turn, Teams.Team? Team)
{
    /// <summary>A value the card sent, as text; card data is untrusted input, so callers validate what they read.</summary>
    public string? Input(string name) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>One class per verb, so the rule for a button is found in one place.</summary>
public interface ICardAction
{
    string Verb { get; }

    Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken);
}

/// <summary>Finds the <see cref="ICardAction"/> for a verb; <c>null</c> when the verb is unknown (e.g. from an old card).</summary>
public sealed class CardActionDispatcher(IEnumerable<ICardAction> actions)
{
    private readonly Dictionary<string, ICardAction> _actions = actions.ToDictionary(action => action.Verb, StringComparer.OrdinalIgnoreCase);

    public Task<AdaptiveCard>? TryExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        _actions.TryGetValue(request.Verb, out var action) ? action.ExecuteAsync(request, cancellationToken) : null;
}
