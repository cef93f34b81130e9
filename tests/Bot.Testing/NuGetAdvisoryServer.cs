using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Testing;

/// <summary>The severities NuGet's vulnerability data uses; restore reports them as NU1901 to NU1904.</summary>
public enum AdvisorySeverity
{
    Low = 0,
    Moderate = 1,
    High = 2,
    Critical = 3,
}

/// <summary>A known vulnerability: every version of <paramref name="PackageId"/> in the NuGet range <paramref name="Versions"/>.</summary>
public sealed record NuGetAdvisory(string PackageId, string Versions, AdvisorySeverity Severity);

/// <summary>
/// A NuGet audit source (<c>auditSources</c> in nuget.config) on 127.0.0.1, for a restore to check packages against
/// advisories a test declares, since the package source this workplace reaches publishes none. It speaks NuGet's
/// vulnerability protocol (NuGet 6.7+): a V3 service index naming only the <c>VulnerabilityInfo/6.7.0</c> resource, that
/// resource's index listing one page, and the page, which maps each lower-case package id to its advisories.
/// </summary>
public sealed class NuGetAdvisoryServer(params NuGetAdvisory[] advisories) : LoopbackServer
{
    private const string PagePath = "v3/vulnerabilities/base.json";

    /// <summary>The paths restore fetched, in order: a test checks the page was read rather than taken from a cache.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>What goes into nuget.config's <c>auditSources</c>.</summary>
    public Uri ServiceIndex => new(BaseAddress, "v3/index.json");

    public bool PageWasFetched => Requests.Contains("/" + PagePath);

    protected override void MapRoutes(WebApplication app)
    {
        app.Use((context, next) =>
        {
            Requests.Enqueue(context.Request.Path.Value ?? string.Empty);
            return next(context);
        });
        app.MapGet("/v3/index.json", () => Json(new JsonObject
        {
            ["version"] = "3.0.0",
            ["resources"] = new JsonArray(new JsonObject
            {
                ["@id"] = new Uri(BaseAddress, "v3/vulnerabilities/index.json").ToString(),
                ["@type"] = "VulnerabilityInfo/6.7.0",
            }),
        }));
        app.MapGet("/v3/vulnerabilities/index.json", () => Json(new JsonArray(new JsonObject
        {
            ["@name"] = "base",
            ["@id"] = new Uri(BaseAddress, PagePath).ToString(),
            ["@updated"] = "2026-12-01T00:00:00Z",
        })));
        app.MapGet("/" + PagePath, () =>
        {
            var page = new JsonObject();
            foreach (var byPackage in advisories.GroupBy(a => a.PackageId.ToLowerInvariant()))
            {
                page[byPackage.Key] = new JsonArray([.. byPackage.Select(a => new JsonObject
                {
                    ["severity"] = (int)a.Severity,
                    ["url"] = $"https://advisories.invalid/{byPackage.Key}/{a.Severity.ToString().ToLowerInvariant()}",
                    ["versions"] = a.Versions,
                })]);
            }

            return Json(page);
        });
    }

    private static IResult Json(JsonNode node) => Results.Content(node.ToJsonString(), "application/json");
}
