namespace Bot.Protocol.Builder;

/// <summary>Ends an invoke with a given status and body, as the SDK's handler does for 400/501.</summary>
public sealed class InvokeResponseException(int statusCode, object? body = null) : Exception($"Invoke answered with HTTP {statusCode}.")
{
    public int StatusCode { get; } = statusCode;
    public object? Body { get; } = body;
}
