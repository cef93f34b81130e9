using System.Text.Json;

namespace Bot.IntegrationTests;

/// <summary>
/// What Teams accepts from us: Adaptive Card 1.5 with only the 1.5 elements and actions (also inside the card an
/// Action.ShowCard opens), every Action.Execute with its Action.Submit fallback, at most 60 refresh users, and under the
/// 80 KB message limit (counted in UTF-16 code units, as Teams counts).
/// </summary>
internal static class CardRules
{
    public const int MaxMessageSize = 80 * 1024;

    private static readonly HashSet<string> Elements =
    [
        "TextBlock", "RichTextBlock", "Image", "ImageSet", "Media", "FactSet", "Container", "ColumnSet", "Column", "ActionSet", "Table",
        "Input.Text", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle", "Input.ChoiceSet",
    ];

    private static readonly HashSet<string> Actions = ["Action.Execute", "Action.Submit", "Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility"];

    public static void AssertValid(JsonElement card)
    {
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        Assert.True(card.GetRawText().Length < MaxMessageSize, $"The card has {card.GetRawText().Length} UTF-16 code units.");
        Assert.Equal(JsonValueKind.Array, card.GetProperty("body").ValueKind);
        if (card.TryGetProperty("refresh", out var refresh))
        {
            AssertAction(refresh.GetProperty("action"));
            Assert.Equal("Action.Execute", refresh.GetProperty("action").GetProperty("type").GetString());
            Assert.True(refresh.GetProperty("userIds").GetArrayLength() <= 60);
        }

        foreach (var element in card.GetProperty("body").EnumerateArray())
        {
            AssertElement(element);
        }

        if (card.TryGetProperty("actions", out var actions))
        {
            foreach (var action in actions.EnumerateArray())
            {
                AssertAction(action);
            }
        }
    }

    private static void AssertElement(JsonElement element)
    {
        var type = element.GetProperty("type").GetString()!;
        Assert.Contains(type, Elements);
        if (type.StartsWith("Input.", StringComparison.Ordinal))
        {
            Assert.False(string.IsNullOrEmpty(element.GetProperty("id").GetString()), "Inputs need an id.");
        }

        foreach (var name in new[] { "items", "columns" })
        {
            if (element.TryGetProperty(name, out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    AssertElement(child);
                }
            }
        }

        if (element.TryGetProperty("actions", out var actions))
        {
            foreach (var action in actions.EnumerateArray())
            {
                AssertAction(action);
            }
        }
    }

    private static void AssertAction(JsonElement action)
    {
        var type = action.GetProperty("type").GetString()!;
        Assert.Contains(type, Actions);
        if (type == "Action.Execute")
        {
            Assert.False(string.IsNullOrEmpty(action.GetProperty("verb").GetString()));
            Assert.Equal("Action.Submit", action.GetProperty("fallback").GetProperty("type").GetString());
        }

        // The card an Action.ShowCard opens (the draft card's edit form) follows the same rules, inside the same message.
        if (type == "Action.ShowCard")
        {
            var card = action.GetProperty("card");
            Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
            foreach (var element in card.GetProperty("body").EnumerateArray())
            {
                AssertElement(element);
            }
        }
    }
}
