using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.EndToEndTests.Calendar;

/// <summary>What the fake Teams client tells the tab it frames: the context, and the token it hands out on request.</summary>
public sealed record TeamsHostScenario(Uri TabUrl, string Locale, string Theme, string UserObjectId, string TenantId, Func<string> Token)
{
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string FrameContext { get; init; } = "content";
}

/// <summary>
/// A stand-in for the Teams web client, as far as a tab sees it: an HTTPS page that frames the tab and answers the
/// teams-js postMessage protocol (<c>initialize</c>, <c>getContext</c>, <c>authentication.getAuthToken</c>,
/// <c>settings.setSettings</c>, and <c>themeChange</c> sent the other way), in the message format of teams-js 2.x
/// (<c>{ id, uuidAsString, func, args }</c> up, <c>{ id, uuidAsString, args }</c> back). teams-js accepts messages only
/// from Teams' own origins, so the browser reaches this server as <c>https://teams.microsoft.com</c> (Chromium's
/// host-resolver rules map the name to this loopback port; nothing leaves the machine). Tokens come from the test
/// (<see cref="TeamsHostScenario.Token"/>), i.e. from the fake Entra issuer, fetched by the page for every request.
/// </summary>
public sealed class FakeTeamsHost : LoopbackServer
{
    public const string HostName = "teams.microsoft.com";
    public static readonly Uri PublicAddress = new($"https://{HostName}/");

    private readonly ConcurrentDictionary<string, TeamsHostScenario> _scenarios = new();

    public int Port => BaseAddress.Port;

    /// <summary>The host page's address for a scenario (open it in the browser started with <see cref="ResolverRule"/>).</summary>
    public Uri Open(TeamsHostScenario scenario)
    {
        var id = Guid.NewGuid().ToString("N");
        _scenarios[id] = scenario;
        return new Uri(PublicAddress, $"?s={id}");
    }

    /// <summary>The Chromium switch that sends teams.microsoft.com to this server.</summary>
    public string ResolverRule => $"--host-resolver-rules=MAP {HostName} 127.0.0.1:{Port}";

    protected override X509Certificate2 Certificate => TestCertificate.Certificate;

    protected override void MapRoutes(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8"));
        app.MapGet("/host.js", () => Results.Content(Script, "text/javascript; charset=utf-8"));
        app.MapGet("/scenario/{id}", (string id) => _scenarios.TryGetValue(id, out var scenario)
            ? Results.Json(new
            {
                tabUrl = scenario.TabUrl.AbsoluteUri,
                context = new
                {
                    locale = scenario.Locale,
                    theme = scenario.Theme,
                    frameContext = scenario.FrameContext,
                    hostClientType = "web",
                    hostName = "Teams",
                    userObjectId = scenario.UserObjectId,
                    tid = scenario.TenantId,
                    teamId = scenario.TeamId,
                    teamName = scenario.TeamName,
                    appSessionId = Guid.NewGuid().ToString("D"),
                },
            })
            : Results.NotFound());
        app.MapGet("/scenario/{id}/token", (string id) => _scenarios.TryGetValue(id, out var scenario) ? Results.Text(scenario.Token()) : Results.NotFound());
    }

    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Microsoft Teams (test host)</title>
        <style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
        <script src="/host.js" defer></script></head>
        <body><iframe id="tab" title="Tab"></iframe></body>
        </html>
        """;

    // What Teams answers: initialize gets [frameContext, clientType, runtimeConfig, clientSupportedSDKVersion] (teams-js
    // 2.x's app.initialize reads them in this order), getContext the legacy context object teams-js turns into
    // app.Context, getAuthToken [success, token]. Every message from the tab is kept in window.hostLog for the test.
    private const string Script = """
        const params = new URLSearchParams(location.search);
        const id = params.get('s');
        const frame = document.getElementById('tab');
        window.hostLog = [];
        window.savedSettings = null;
        const runtimeConfig = JSON.stringify({
          apiVersion: 4,
          hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
          isLegacyTeams: false,
          supports: { appEntity: {}, appInstallDialog: {}, dialog: { card: {}, url: {}, update: {} }, pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, fullTrust: {}, tabs: {} }, teamsCore: {} },
        });
        const ready = fetch(`/scenario/${id}`).then(r => r.json()).then(scenario => {
          frame.src = scenario.tabUrl;
          return scenario;
        });
        let tabOrigin = null;
        window.addEventListener('message', async event => {
          if (event.source !== frame.contentWindow) return;
          const message = event.data;
          if (!message || typeof message.func !== 'string') return;
          const scenario = await ready;
          tabOrigin = event.origin;
          window.hostLog.push({ func: message.func, args: message.args });
          const reply = args => frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
          switch (message.func) {
            case 'initialize':
              reply([scenario.context.frameContext, 'web', runtimeConfig, '2.0.0']);
              break;
            case 'getContext':
              reply([scenario.context]);
              break;
            case 'authentication.getAuthToken': {
              const response = await fetch(`/scenario/${id}/token`);
              const token = await response.text();
              reply(response.ok ? [true, token] : [false, 'resourceDisabled']);
              break;
            }
            case 'settings.setSettings':
              window.savedSettings = message.args[0];
              reply([true]);
              break;
            default:
              break;
          }
        });
        window.changeTheme = theme => frame.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, tabOrigin);
        window.pressSave = () => frame.contentWindow.postMessage({ func: 'settings.save', args: [{}] }, tabOrigin);
        """;
}
