using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Testing;

/// <summary>One POST the receiver got: the raw body, the headers that matter, and whether the signature was right.</summary>
public sealed record WebhookRequest(byte[] Body, string? Signature, string? Timestamp, string? DeliveryId, string? Event, bool SignatureValid, int AnsweredWith)
{
    public string Text => Encoding.UTF8.GetString(Body);
}

/// <summary>
/// A publishing tool's webhook endpoint on 127.0.0.1: it checks <c>X-Signature-256</c> the way a receiver should
/// (HMAC-SHA256 of the raw body under the shared secret, compared in constant time), answers 401 to a bad signature,
/// and otherwise answers with the next scripted status (200 once the script is used up).
/// </summary>
public sealed class WebhookReceiver(string secret) : LoopbackServer
{
    public const string PathName = "/hooks/posts";

    private readonly ConcurrentQueue<int> _script = new();

    public ConcurrentQueue<WebhookRequest> Requests { get; } = new();

    public Uri Url => new(BaseAddress, PathName.TrimStart('/'));

    /// <summary>Speak HTTPS with the <see cref="TestCertificate"/>, as a receiver of a bot with <c>MicrosoftAppId</c> must.</summary>
    public bool Https { get; init; }

    /// <summary>The <c>Location</c> sent with a scripted 3xx answer.</summary>
    public Uri? RedirectLocation { get; set; }

    protected override X509Certificate2? Certificate => Https ? TestCertificate.Certificate : null;

    /// <summary>Statuses to answer with, in order, before answering 200.</summary>
    public void AnswerWith(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue(status);
        }
    }

    protected override void MapRoutes(WebApplication app) => app.MapPost(PathName, async (HttpContext context) =>
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var signature = context.Request.Headers["X-Signature-256"].ToString();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected));
        var status = !valid ? StatusCodes.Status401Unauthorized : _script.TryDequeue(out var scripted) ? scripted : StatusCodes.Status200OK;
        Requests.Enqueue(new WebhookRequest(
            body,
            signature,
            context.Request.Headers["X-Webhook-Timestamp"].ToString(),
            context.Request.Headers["X-Webhook-Delivery"].ToString(),
            context.Request.Headers["X-Webhook-Event"].ToString(),
            valid,
            status));
        if (status is >= 300 and < 400 && RedirectLocation is { } location)
        {
            context.Response.Headers.Location = location.AbsoluteUri;
        }

        return Results.StatusCode(status);
    });
}
