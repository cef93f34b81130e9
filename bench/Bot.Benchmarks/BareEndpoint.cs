using System.Text.Json;
using Bot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks;

/// <summary>
/// The baseline: Kestrel plus one route that reads the body into the same <see cref="Activity"/> type with the same
/// JSON options as the bot, and answers 200. No authentication, no database, no reply, no logging; what the bot does
/// beyond this is the cost of a turn.
/// </summary>
internal static class BareEndpoint
{
    public const string Command = "serve-bare";

    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/healthz", () => "ok");
        app.MapPost("/api/messages", async (HttpRequest request, CancellationToken cancellationToken) =>
        {
            var activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, ProtocolJson.Options, cancellationToken);
            return string.IsNullOrEmpty(activity?.Type) ? Results.BadRequest() : Results.Ok();
        });
        app.Run();
        return 0;
    }
}
