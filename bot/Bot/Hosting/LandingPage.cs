using Microsoft.Extensions.Options;

namespace Bot.Hosting;

internal static class LandingPage
{
    /// <summary>
    /// Someone who opens the bot's address in a browser learns what it is and where Teams talks to it, instead of a 404.
    /// </summary>
    public static IEndpointConventionBuilder MapLandingPage(this IEndpointRouteBuilder endpoints, string pattern) =>
        endpoints.MapGet(pattern, (IOptions<BotOptions> options) =>
            Results.Text($"{options.Value.DisplayName} is running. Teams sends activities to POST /api/messages.\n", "text/plain"));
}
