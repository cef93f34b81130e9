using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Testing;

/// <summary>
/// Stands in for the SharePoint/OneDrive download URL Teams puts in a file attachment (<c>content.downloadUrl</c>):
/// serves the bytes registered under a name, and records each request's Authorization header so a test can check
/// that the bot sends none.
/// </summary>
public sealed class FileServer : LoopbackServer
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Speak HTTPS with the <see cref="TestCertificate"/>, as a download a bot with <c>MicrosoftAppId</c> may fetch must.</summary>
    public bool Https { get; init; }

    protected override X509Certificate2? Certificate => Https ? TestCertificate.Certificate : null;

    public ConcurrentQueue<(string Name, string? Authorization)> Requests { get; } = new();

    public Uri Serve(string name, byte[] content)
    {
        _files[name] = content;
        return new Uri(BaseAddress, "files/" + Uri.EscapeDataString(name));
    }

    protected override void MapRoutes(WebApplication app) => app.MapGet("/files/{name}", (string name, HttpContext context) =>
    {
        Requests.Enqueue((name, context.Request.Headers.Authorization.FirstOrDefault()));
        return _files.TryGetValue(name, out var content) ? Results.Bytes(content, "application/octet-stream") : Results.NotFound();
    });
}
