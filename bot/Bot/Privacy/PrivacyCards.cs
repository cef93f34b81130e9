using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Privacy;

/// <summary>Cards for erasing a person: an explicit confirmation first, because erasure cannot be undone.</summary>
public static class PrivacyCards
{
    public const string PersonData = "person";

    /// <summary>The button carries only the person's id; the server checks role and team again when it is pressed.</summary>
    public static AdaptiveCard ConfirmErasure(string name, string aadObjectId) => new()
    {
        Body =
        [
            new TextBlock(Texts.FormatEraseConfirmTitle(name)) { Size = "Large", Weight = "Bolder" },
            new TextBlock(Texts.FormatEraseConfirmBody(name)),
            new ActionSet
            {
                Actions =
                [
                    new ActionExecute
                    {
                        Title = Texts.EraseConfirmButton,
                        Verb = ErasePersonAction.Verb,
                        Style = "destructive",
                        Data = new Dictionary<string, object?> { [PersonData] = aadObjectId },
                    },
                ],
            },
        ],
    };

    /// <summary>The confirmation replaced by its outcome, so the button cannot be pressed twice.</summary>
    public static AdaptiveCard Outcome(string message) => new() { Body = [new TextBlock(message)] };
}
