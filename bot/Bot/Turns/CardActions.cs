using System.Reflection;
using System.Text.Json;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Teams;

namespace Bot.Turns;

/// <summary>
/// What a card button asks for, whether it came as an Action.Execute invoke or as its Action.Submit fallback, with the
/// actor its route asked for already settled.
/// </summary>
public sealed record CardActionRequest(string Verb, JsonElement? Data, ITurnContext Turn, Team? Team)
{
    private readonly TeamActor? _actor;

    /// <summary>The team, person and role the route asked for; settled by the router before the action runs.</summary>
    public TeamActor Actor
    {
        get => _actor ?? throw new InvalidOperationException("This card action's route settles no actor; declare Requires on its [CardAction].");
        init => _actor = value;
    }

    /// <summary>A value the card sent, as text; card data is untrusted input, so callers validate what they read.</summary>
    public string? Input(string name) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>
/// One class per card verb, so the rule for a button is found in one place. The class is its own route: it carries a
/// <see cref="CardActionAttribute"/> naming its verb, and <see cref="CardActionCatalog"/> finds it there.
/// </summary>
public interface ICardAction
{
    Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken);

    /// <summary>The card that answers a press the router refused (no team, not the role); a form may show it in place.</summary>
    AdaptiveCard Refused(CardActionRequest request, string refusal) => NoticeCard.Create(refusal);
}

/// <summary>The verb a card action answers and who may press its button.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class CardActionAttribute(string verb) : Attribute
{
    public string Verb { get; } = verb;

    public ActorRequirement Requires { get; init; } = ActorRequirement.TeamMember;
}

/// <summary>Every card verb the bot answers, gathered once from the <see cref="CardActionAttribute"/>s.</summary>
public static class CardActionCatalog
{
    public static IReadOnlyDictionary<string, (Type Action, ActorRequirement Requires)> All { get; } = Discover(typeof(CardActionCatalog).Assembly);

    internal static Dictionary<string, (Type Action, ActorRequirement Requires)> Discover(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(ICardAction).IsAssignableFrom(type))
            .Select(type => (type, route: type.GetCustomAttribute<CardActionAttribute>()
                ?? throw new InvalidOperationException($"{type.Name} is a card action, so it names its verb with [CardAction(...)].")))
            .ToDictionary(entry => entry.route.Verb, entry => (entry.type, entry.route.Requires), StringComparer.OrdinalIgnoreCase);
}
