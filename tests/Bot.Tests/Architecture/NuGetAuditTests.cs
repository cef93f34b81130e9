using System.Diagnostics;
using System.Xml.Linq;
using Bot.Testing;

namespace Bot.Tests.Architecture;

/// <summary>
/// A known vulnerability really fails the build. <see cref="SupplyChainTests"/> reads the audit settings; these run a
/// real <c>dotnet restore</c> under them, because the package source this workplace reaches publishes no vulnerability
/// data and so never shows a finding. Each restore is of a one-package project in a temporary folder that imports the
/// repository's own Directory.Build.props and Directory.Packages.props (the settings and the pinned versions every
/// project gets) and takes its advisories from a local <see cref="NuGetAdvisoryServer"/> through nuget.config's
/// <c>auditSources</c>. Packages still come from the usual sources and the global packages folder, so it runs offline.
/// </summary>
public sealed class NuGetAuditTests
{
    private const string UsedPackage = "Quartz";

    // Not named by the bot: Quartz brings it, two levels down, so only an audit of transitive packages sees it.
    private const string TransitivePackage = "Microsoft.Extensions.Primitives";

    private static readonly string Root = LocalizationTests.RepositoryRoot();

    [Fact]
    public async Task A_high_vulnerability_in_the_pinned_version_of_a_package_the_bot_uses_fails_the_restore()
    {
        var version = PinnedVersion(UsedPackage);

        var restore = await RestoreAsync(new NuGetAdvisory(UsedPackage, $"[{version}, {version}]", AdvisorySeverity.High));

        Assert.True(restore.ExitCode != 0, "The restore succeeded despite the advisory:\n" + restore.Output);
        Assert.Contains($"error NU1903: Warning As Error: Package '{UsedPackage}' {version} has a known high severity vulnerability", restore.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_low_vulnerability_in_a_transitive_package_fails_the_restore()
    {
        var restore = await RestoreAsync(new NuGetAdvisory(TransitivePackage, "[0.0.0, )", AdvisorySeverity.Low));

        Assert.True(restore.ExitCode != 0, "The restore succeeded despite the advisory:\n" + restore.Output);
        Assert.Contains($"error NU1901: Warning As Error: Package '{TransitivePackage}'", restore.Output, StringComparison.Ordinal);
        Assert.Contains("has a known low severity vulnerability", restore.Output, StringComparison.Ordinal);
    }

    // The counterpart that keeps the two above honest: the same restore, the same audit source, advisories that miss
    // the versions in use, and the restore passes. So the failures come from the findings, not from the setup.
    [Fact]
    public async Task Advisories_that_name_no_version_in_use_let_the_restore_pass()
    {
        var version = PinnedVersion(UsedPackage);

        var restore = await RestoreAsync(
            new NuGetAdvisory(UsedPackage, $"(, {version})", AdvisorySeverity.Critical),
            new NuGetAdvisory(UsedPackage, $"({version}, )", AdvisorySeverity.Critical),
            new NuGetAdvisory("Not.A.Package.The.Bot.Uses", "[0.0.0, )", AdvisorySeverity.Critical));

        Assert.True(restore.ExitCode == 0, "The restore failed:\n" + restore.Output);
        Assert.DoesNotContain("NU190", restore.Output, StringComparison.Ordinal);
    }

    private static string PinnedVersion(string package) =>
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(p => string.Equals((string?)p.Attribute("Include"), package, StringComparison.OrdinalIgnoreCase))
            .Attribute("Version")!.Value;

    private static async Task<(int ExitCode, string Output)> RestoreAsync(params NuGetAdvisory[] advisories)
    {
        await using var advisoryServer = new NuGetAdvisoryServer(advisories);
        await advisoryServer.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bot-nuget-audit-").FullName;
        try
        {
            WriteProbeProject(folder, advisoryServer.ServiceIndex);
            var result = await RunDotnetRestoreAsync(folder);

            // NuGet caches vulnerability data; a restore that did not read this server's page proves nothing.
            Assert.True(advisoryServer.PageWasFetched, "The restore did not fetch the advisories. Requests: "
                + string.Join(", ", advisoryServer.Requests) + "\n" + result.Output);
            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WriteProbeProject(string folder, Uri auditSource)
    {
        // Imports, not copies: the restore runs under whatever the repository's settings say today.
        foreach (var props in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, props), new XDocument(new XElement("Project",
                new XElement("Import", new XAttribute("Project", Path.Combine(Root, props))))).ToString());
        }

        File.WriteAllText(Path.Combine(folder, "Probe.csproj"), new XDocument(new XElement("Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("ItemGroup", new XElement("PackageReference", new XAttribute("Include", UsedPackage))))).ToString());

        // No packageSources: the repository has no nuget.config, so the probe restores from the same user and machine
        // sources as the bot. auditSources replaces those sources as the place advisories come from. Plain HTTP is
        // allowed for this loopback source only; without the attribute NuGet refuses it.
        File.WriteAllText(Path.Combine(folder, "nuget.config"), new XDocument(new XElement("configuration",
            new XElement("auditSources",
                new XElement("clear"),
                new XElement("add",
                    new XAttribute("key", "test-advisories"),
                    new XAttribute("value", auditSource.ToString()),
                    new XAttribute("allowInsecureConnections", "true"))))).ToString());
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetRestoreAsync(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // No build servers: a node left running would hold the redirected output open after restore exits.
            ArgumentList = { "restore", Path.Combine(folder, "Probe.csproj"), "--disable-build-servers", "--verbosity", "minimal" },
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // A fresh HTTP cache, so the vulnerability data is this server's and not an earlier run's.
                ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(folder, "http-cache"),
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet restore of the probe project took over 90 s.");
        }

        return (process.ExitCode, await output + await error);
    }
}
