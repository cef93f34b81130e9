using System.Text.Json;

namespace Bot.Protocol.Schema;

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeValue : ExtensibleModel
{
    public AdaptiveCardInvokeAction? Action { get; set; }

    /// <summary><c>manual</c> for a click, <c>automatic</c> for a refresh.</summary>
    public string? Trigger { get; set; }
}

public sealed class AdaptiveCardInvokeAction : ExtensibleModel
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }

    /// <summary>The card's data plus one entry per input id.</summary>
    public JsonElement? Data { get; set; }
}

/// <summary>The body of an <c>adaptiveCard/action</c> invoke response.</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = Attachment.AdaptiveCardContentType;
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; }
    public string? Type { get; set; }
    public object? Value { get; set; }

    /// <summary>Swaps in <paramref name="card"/> for the clicking user only.</summary>
    public static AdaptiveCardInvokeResponse Card(object card) => new() { StatusCode = 200, Type = CardType, Value = card };

    /// <summary>Shows <paramref name="text"/> to the clicking user; the card stays as it is.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) => new() { StatusCode = 200, Type = MessageType, Value = text };

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new() { StatusCode = statusCode, Type = ErrorType, Value = new InvokeError(code, message) };
}

public sealed record InvokeError(string Code, string Message);
