using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>
/// The one appsettings.json at the repository root is what the bot reads, both in-process under
/// WebApplicationFactory and as a real process under dotnet run. Bot:DisplayName has no default in code, so the bot
/// could not start, let alone show it, without reading that file.
/// </summary>
public sealed class SettingsFileTests(BotApplication bot) : IClassFixture<BotApplication>
{
    private static string ExpectedDisplayName => RepositoryFiles.AppSettings().GetProperty("Bot").GetProperty("DisplayName").GetString()!;

    [Fact]
    public async Task WebApplicationFactory_reads_the_repository_root_appsettings()
    {
        var configuration = bot.Services.GetRequiredService<IConfiguration>();
        using var client = bot.CreateClient();

        var landing = await client.GetStringAsync("/");

        Assert.Equal(ExpectedDisplayName, configuration["Bot:DisplayName"]);
        Assert.Equal(RepositoryFiles.AppSettings().GetProperty("Urls").GetString(), configuration["Urls"]);
        Assert.StartsWith(ExpectedDisplayName + " is running.", landing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_run_reads_the_repository_root_appsettings_and_creates_the_database_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "bot-run-test", Guid.NewGuid().ToString("N"));
        var databasePath = Path.Combine(folder, "not", "yet", "there", "bot.db");
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "run", "--project", Path.Combine(RepositoryFiles.Root, "bot", "Bot"), "--no-build", "-c", BuildConfiguration, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Bot"] = $"Data Source={databasePath}", ["DOTNET_NOLOGO"] = "1" },
        };
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var landing = await PollAsync($"http://127.0.0.1:{port}/", TimeSpan.FromSeconds(90), process);

            Assert.True(landing is not null, "The bot did not answer under dotnet run. Output:\n" + output);
            Assert.StartsWith(ExpectedDisplayName + " is running.", landing, StringComparison.Ordinal);
            Assert.True(File.Exists(databasePath), "The SQLite file was not created at " + databasePath);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string?> PollAsync(string url, TimeSpan timeout, Process process)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                return await client.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        return null;
    }
}
