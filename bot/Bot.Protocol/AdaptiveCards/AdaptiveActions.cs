using System.Text.Json.Serialization;

namespace Bot.Protocol.AdaptiveCards;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ActionExecute), "Action.Execute")]
[JsonDerivedType(typeof(ActionSubmit), "Action.Submit")]
[JsonDerivedType(typeof(ActionOpenUrl), "Action.OpenUrl")]
[JsonDerivedType(typeof(ActionShowCard), "Action.ShowCard")]
public abstract class AdaptiveAction
{
    public required string Title { get; init; }
    public string? Id { get; init; }
    public string? Style { get; init; }
}

/// <summary>
/// A Universal Action. Its <see cref="Fallback"/> is an <c>Action.Submit</c> with the same verb in the data, so one
/// dispatcher keyed by verb serves clients that do not send <c>adaptiveCard/action</c>.
/// </summary>
public sealed class ActionExecute : AdaptiveAction
{
    public const string VerbDataKey = "verb";

    public required string Verb { get; init; }
    public Dictionary<string, object?> Data { get; init; } = [];

    public AdaptiveAction? Fallback => new ActionSubmit
    {
        Title = Title,
        Style = Style,
        Data = new Dictionary<string, object?>(Data) { [VerbDataKey] = Verb },
    };
}

public sealed class ActionSubmit : AdaptiveAction
{
    public Dictionary<string, object?> Data { get; init; } = [];
}

public sealed class ActionOpenUrl : AdaptiveAction
{
    public required string Url { get; init; }
}

public sealed class ActionShowCard : AdaptiveAction
{
    public required AdaptiveCard Card { get; init; }
}
