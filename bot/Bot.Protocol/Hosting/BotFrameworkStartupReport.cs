using Bot.Protocol.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Protocol.Hosting;

/// <summary>Says plainly at start-up whether requests are authenticated, so nobody runs an open bot by accident.</summary>
internal sealed partial class BotFrameworkStartupReport(
    IOptions<BotFrameworkAuthenticationOptions> options,
    ILogger<BotFrameworkStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.IsAuthenticationEnabled)
        {
            LogAuthenticationOn(logger, settings.MicrosoftAppType.ToString(), settings.MicrosoftAppId!);
        }
        else
        {
            LogAuthenticationOff(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Framework authentication is ON ({AppType}, app id {AppId}): every request to the messaging endpoint needs a valid channel token")]
    private static partial void LogAuthenticationOn(ILogger logger, string appType, string appId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Framework authentication is OFF because MicrosoftAppId is empty: only callers on this machine (loopback) are served. This is for local development only; set MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId to run in Teams.")]
    private static partial void LogAuthenticationOff(ILogger logger);
}
