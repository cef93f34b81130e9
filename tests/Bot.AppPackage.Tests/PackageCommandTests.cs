using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Bot.AppPackage.Tests;

public sealed class PackageCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "app-package-tests", Guid.NewGuid().ToString("N"));

    private string ZipPath => Path.Combine(_folder, "out", "app.zip");

    [Fact]
    public void Package_holds_exactly_the_manifest_the_german_file_and_the_icons_at_its_root()
    {
        var (exitCode, _, error) = Run("--app-id", TestPackage.AppId.ToString(), "--domain", TestPackage.Domain, "--out", ZipPath);

        Assert.True(exitCode == 0, error);
        Assert.Equal(["color.png", "de.json", "manifest.json", "outline.png"], TestPackage.ReadZip(ZipPath).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Placeholders_become_the_app_id_and_domain_and_none_is_left()
    {
        Run("--app-id", "6F1C2A3B-4D5E-4F60-8A71-92B3C4D5E6F7", "--domain", "SocialBot.Contoso-GmbH.de", "--out", ZipPath);
        var files = TestPackage.ReadZip(ZipPath);
        var manifest = JsonNode.Parse(files["manifest.json"])!;

        Assert.Equal(TestPackage.AppId.ToString("D"), manifest["id"]!.GetValue<string>());
        Assert.Equal(TestPackage.AppId.ToString("D"), manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.True(Guid.TryParseExact(manifest["id"]!.GetValue<string>(), "D", out _));
        Assert.Equal([TestPackage.Domain], manifest["validDomains"]!.AsArray().Select(domain => domain!.GetValue<string>()));
        Assert.All(
            ["websiteUrl", "privacyUrl", "termsOfUseUrl"],
            url => Assert.Equal($"https://{TestPackage.Domain}/", manifest["developer"]![url]!.GetValue<string>()));
        Assert.All(["manifest.json", "de.json"], name => Assert.DoesNotContain("{{", Encoding.UTF8.GetString(files[name]), StringComparison.Ordinal));
    }

    [Fact]
    public void Version_privacy_and_terms_urls_can_be_set_for_an_update()
    {
        Run(
            "--app-id", TestPackage.AppId.ToString(), "--domain", TestPackage.Domain, "--out", ZipPath,
            "--app-version", "1.4.0", "--privacy-url", "https://www.contoso-gmbh.de/datenschutz", "--terms-url=https://www.contoso-gmbh.de/nutzungsbedingungen");
        var manifest = JsonNode.Parse(TestPackage.ReadZip(ZipPath)["manifest.json"])!;

        Assert.Equal("1.4.0", manifest["version"]!.GetValue<string>());
        Assert.Equal("https://www.contoso-gmbh.de/datenschutz", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal("https://www.contoso-gmbh.de/nutzungsbedingungen", manifest["developer"]!["termsOfUseUrl"]!.GetValue<string>());
        Assert.Equal($"https://{TestPackage.Domain}/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
    }

    [Fact]
    public void An_internationalised_domain_is_written_in_its_ascii_form()
    {
        Run("--app-id", TestPackage.AppId.ToString(), "--domain", "Bot.Müller-Medien.de", "--out", ZipPath);
        var manifest = JsonNode.Parse(TestPackage.ReadZip(ZipPath)["manifest.json"])!;

        Assert.Equal("bot.xn--mller-medien-dlb.de", manifest["validDomains"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("--app-id|not-a-guid|--domain|bot.contoso.com|--out|{zip}", "--app-id 'not-a-guid' is not a GUID")]
    [InlineData("--app-id|{6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7}|--domain|bot.contoso.com|--out|{zip}", "is not a GUID")]
    [InlineData("--app-id|00000000-0000-0000-0000-000000000000|--domain|bot.contoso.com|--out|{zip}", "is not a GUID")]
    [InlineData("--domain|bot.contoso.com|--out|{zip}", "--app-id is required")]
    [InlineData("--app-id|{id}|--out|{zip}", "--domain is required")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com", "--out is required")]
    [InlineData("--app-id|{id}|--domain|https://bot.contoso.com|--out|{zip}", "must be the host name only")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com/api/messages|--out|{zip}", "must be the host name only")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com:3978|--out|{zip}", "must be the host name only")]
    [InlineData("--app-id|{id}|--domain|localhost|--out|{zip}", "is not a public host name")]
    [InlineData("--app-id|{id}|--domain|192.168.1.20|--out|{zip}", "is not a public host name")]
    [InlineData("--app-id|{id}|--domain|bot_1.contoso.com|--out|{zip}", "is not a public host name")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com|--out", "--out needs a value")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com|--out|{zip}|--app-version|v2", "--app-version 'v2' is not a version")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com|--out|{zip}|--privacy-url|http://contoso.com/privacy", "--privacy-url 'http://contoso.com/privacy' is not an https URL")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com|--out|{zip}|--app-id|{id}", "--app-id is given more than once")]
    [InlineData("--app-id|{id}|--domain|bot.contoso.com|--out|{zip}|--verbose", "Unknown option '--verbose'")]
    public void Bad_arguments_are_explained_without_a_stack_trace_and_write_nothing(string arguments, string expectedMessage)
    {
        var args = arguments.Replace("{zip}", ZipPath, StringComparison.Ordinal).Replace("{id}", TestPackage.AppId.ToString(), StringComparison.Ordinal).Split('|');

        var (exitCode, output, error) = Run(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project bot/Bot -- package", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(ZipPath));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        var (_, _, error) = Run("--app-id", "x", "--domain", "https://x", "--out", ZipPath);

        Assert.Contains("--app-id 'x'", error, StringComparison.Ordinal);
        Assert.Contains("--domain 'https://x'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritable_output_path_is_reported_without_a_stack_trace()
    {
        Directory.CreateDirectory(_folder);
        var blockingFile = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(blockingFile, "a file where the output folder should be");

        var (exitCode, _, error) = Run("--app-id", TestPackage.AppId.ToString(), "--domain", TestPackage.Domain, "--out", Path.Combine(blockingFile, "app.zip"));

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: could not write ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>The command exactly as docs/teams-app-package.md gives it, through Program.cs.</summary>
    [Fact]
    public async Task Dotnet_run_with_package_writes_the_zip_and_refuses_bad_input_with_an_exit_code()
    {
        var good = await DotnetRunAsync("package", "--app-id", TestPackage.AppId.ToString(), "--domain", TestPackage.Domain, "--out", ZipPath);
        var bad = await DotnetRunAsync("package", "--app-id", "12345", "--domain", TestPackage.Domain, "--out", Path.Combine(_folder, "bad.zip"));

        Assert.True(good.ExitCode == 0, good.Error + good.Output);
        Assert.Contains("Wrote " + ZipPath, good.Output, StringComparison.Ordinal);
        Assert.Equal(4, TestPackage.ReadZip(ZipPath).Count);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("error: --app-id '12345' is not a GUID", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "bad.zip")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = AppPackageCommand.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static async Task<(int ExitCode, string Output, string Error)> DotnetRunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "--project", RepositoryFiles.Path("bot", "Bot"), "--no-build", "-c", BuildConfiguration, "--" },
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_NOLOGO"] = "1" },
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
