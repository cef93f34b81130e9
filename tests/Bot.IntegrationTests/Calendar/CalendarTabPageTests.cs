using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Bot.IntegrationTests.Calendar;

/// <summary>
/// The tab's page as the bot serves it: the files, the Content-Security-Policy that keeps out inline script and CDNs
/// while letting Teams frame it, teams-js from the npm install, and the development page for this machine only.
/// </summary>
public sealed partial class CalendarTabPageTests : IAsyncLifetime
{
    private readonly BotApplication _bot = new();

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Theory]
    [InlineData("/tab/calendar")]
    [InlineData("/tab/config")]
    public async Task Pages_carry_a_policy_that_allows_only_their_own_scripts_and_styles_and_framing_by_Teams(string path)
    {
        using var response = await _bot.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        var frameAncestors = Assert.Single(policy, directive => directive.StartsWith("frame-ancestors ", StringComparison.Ordinal)).Split(' ');
        Assert.Contains("teams.microsoft.com", frameAncestors);
        Assert.Contains("*.cloud.microsoft", frameAncestors);
        Assert.DoesNotContain("*", frameAncestors);
        Assert.DoesNotContain(policy, directive => directive.Contains("unsafe", StringComparison.Ordinal));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Every_script_and_stylesheet_the_pages_name_is_served_from_the_bot_itself()
    {
        var client = _bot.CreateClient();
        foreach (var page in new[] { "/tab/calendar", "/tab/config" })
        {
            var html = await client.GetStringAsync(page);
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
            var references = Reference().Matches(html).Select(match => match.Groups["url"].Value).ToList();
            Assert.Contains("/tab/lib/teams-js.min.js", references);
            Assert.All(references, reference => Assert.StartsWith("/tab/", reference, StringComparison.Ordinal));
            foreach (var reference in references)
            {
                using var response = await client.GetAsync(reference);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{reference} answered {(int)response.StatusCode}.");
            }
        }

        // The modules import one another; every import is relative, so it stays on the bot.
        foreach (var module in new[] { "calendar.js", "config.js", "host.js", "i18n.js", "dates.js" })
        {
            var source = await client.GetStringAsync("/tab/assets/" + module);
            Assert.DoesNotContain("http://", source, StringComparison.Ordinal);
            Assert.DoesNotContain("cdn", source, StringComparison.OrdinalIgnoreCase);
            foreach (var import in Import().Matches(source).Select(match => match.Groups["url"].Value))
            {
                Assert.StartsWith("./", import, StringComparison.Ordinal);
                using var response = await client.GetAsync("/tab/assets/" + import[2..]);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
            }
        }
    }

    [Fact]
    public async Task Teams_js_is_the_pinned_npm_bundle()
    {
        var client = _bot.CreateClient();
        var bundle = await client.GetStringAsync("/tab/lib/teams-js.min.js");
        var lockFile = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "bot", "Bot", "Calendar", "TabPage", "teams-js", "package-lock.json")));
        var pinned = lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/@microsoft/teams-js").GetProperty("version").GetString()!;

        Assert.Contains($"\"{pinned}\"", bundle, StringComparison.Ordinal);
        Assert.Contains("getAuthToken", bundle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_file_is_answered_with_304()
    {
        var client = _bot.CreateClient();
        using var first = await client.GetAsync("/tab/assets/calendar.js");
        var etag = first.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/tab/assets/calendar.js");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/tab/assets/calendar.html")]
    [InlineData("/tab/assets/missing.js")]
    [InlineData("/tab/assets/..%2Fcalendar.html")]
    public async Task Only_the_pages_files_are_served(string path)
    {
        using var response = await _bot.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_an_app_id_the_page_is_served_on_this_machine_only()
    {
        var local = BotApplication.WithoutAuthentication();
        await local.InitializeAsync();
        HttpContext fromHere, fromElsewhere, bundleFromElsewhere;
        try
        {
            fromHere = await GetFromAsync(local, IPAddress.Loopback, "/tab/calendar");
            fromElsewhere = await GetFromAsync(local, IPAddress.Parse("192.0.2.10"), "/tab/calendar");
            bundleFromElsewhere = await GetFromAsync(local, IPAddress.Parse("192.0.2.10"), "/tab/lib/teams-js.min.js");
        }
        finally
        {
            await ((IAsyncLifetime)local).DisposeAsync();
        }

        Assert.Equal(StatusCodes.Status200OK, fromHere.Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, fromElsewhere.Response.StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, bundleFromElsewhere.Response.StatusCode);
    }

    private static Task<HttpContext> GetFromAsync(BotApplication bot, IPAddress remote, string path) =>
        bot.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = remote;
            context.Request.Method = "GET";
            context.Request.Path = path;
        });

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex(@"from '(?<url>[^']+)'")]
    private static partial Regex Import();
}
