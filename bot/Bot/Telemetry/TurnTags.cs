using Bot.Protocol.Hosting;
using Bot.Protocol.Schema;

namespace Bot.Telemetry;

/// <summary>
/// The tag values of a turn. The activity type comes from the request body, before authentication, so it is mapped onto
/// the types Teams sends; anything else is "other", and a flood of made-up types cannot make a metric series each.
/// </summary>
internal static class TurnTags
{
    public const string None = "none";
    public const string Other = "other";

    public const string Ok = "ok";
    public const string Redelivered = "redelivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Unhandled = "unhandled";
    public const string Unauthenticated = "refused-401";

    private static readonly string[] KnownTypes =
    [
        ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
        ActivityTypes.MessageReaction, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.Event,
        ActivityTypes.Typing, "endOfConversation",
    ];

    // Span names per type, made once: a span name is read by people scanning a trace list, and building it per turn
    // would allocate.
    private static readonly string[] SpanNames = [.. KnownTypes.Select(type => "turn " + type)];

    public static string TypeOf(string? type)
    {
        if (type is null)
        {
            return None;
        }

        foreach (var known in KnownTypes)
        {
            if (string.Equals(type, known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return Other;
    }

    public static string SpanNameOf(string type)
    {
        var index = Array.IndexOf(KnownTypes, type);
        return index < 0 ? "turn " + type : SpanNames[index];
    }

    /// <summary>
    /// The adapter's answer as an outcome: refusals keep their status (an operator tells a 401 flood from oversized
    /// bodies at a glance), 501 is an invoke nobody handled, other 5xx a failed turn, and everything else was served.
    /// </summary>
    public static string OutcomeOf(TurnObservation observation, int status) => observation.Redelivered
        ? Redelivered
        : status switch
        {
            StatusCodes.Status400BadRequest => "refused-400",
            StatusCodes.Status401Unauthorized => Unauthenticated,
            StatusCodes.Status405MethodNotAllowed => "refused-405",
            StatusCodes.Status413PayloadTooLarge => "refused-413",
            StatusCodes.Status429TooManyRequests => "refused-429",
            StatusCodes.Status501NotImplemented => Unhandled,
            >= 500 => Failed,
            _ => Ok,
        };
}
