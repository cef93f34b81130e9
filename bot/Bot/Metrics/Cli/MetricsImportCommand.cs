using Bot.Localization;
using Bot.Metrics.Csv;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Metrics;

/// <summary>
/// <c>dotnet run --project bot/Bot -- import-metrics &lt;file.csv&gt; --team &lt;team id or name&gt;</c>: imports a
/// CSV export into the bot's database (the one in the settings), all or nothing, and prints the same report as the chat.
/// Exit code 0 when the file was imported, 1 when it was refused (bad rows: nothing stored), 2 for wrong arguments.
/// </summary>
internal static class MetricsImportCommand
{
    private const int Success = 0;
    private const int ImportFailed = 1;
    private const int BadArguments = 2;

    private const string Usage =
        "Usage: dotnet run --project bot/Bot -- import-metrics <file.csv> --team <team id or name> [--social-channel \"linkedin contoso\"]";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? file = null, team = null, socialChannel = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return Success;
                case "--team" when i + 1 < args.Count:
                    team = args[++i];
                    break;
                case "--social-channel" when i + 1 < args.Count:
                    socialChannel = args[++i];
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    // A setting such as --ConnectionStrings:Bot=…, already read by the host's configuration.
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && file is null:
                    file = value;
                    break;
                default:
                    error.WriteLine($"error: unexpected argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return BadArguments;
            }
        }

        if (file is null || team is null)
        {
            error.WriteLine(Usage);
            return BadArguments;
        }

        if (!File.Exists(file))
        {
            error.WriteLine($"error: no file at {Path.GetFullPath(file)}");
            return BadArguments;
        }

        if (new FileInfo(file).Length > MetricsCsvImport.MaxFileBytes)
        {
            error.WriteLine($"error: the file is larger than {MetricsCsvImport.MaxFileBytes / (1024 * 1024)} MB");
            return BadArguments;
        }

        // The database must have the current schema; the rest of the host (scheduler, web server) is not started.
        await services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single().StartAsync(CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var found = await database.Teams.AsNoTracking().Where(t => t.TeamId == team || t.Name == team).ToListAsync();
        if (found.Count != 1)
        {
            error.WriteLine(found.Count == 0 ? $"error: no team with the id or name '{team}'" : $"error: several teams are named '{team}'; use the team id");
            return BadArguments;
        }

        var result = await scope.ServiceProvider.GetRequiredService<MetricsCsvImport>()
            .ImportAsync(found[0], await File.ReadAllBytesAsync(file), socialChannel, CancellationToken.None);
        var report = BotLanguage.In(BotLanguage.English, () => MetricsCsvReport.Text(Path.GetFileName(file), found[0], result));
        (result.Report.Succeeded ? output : error).WriteLine(report);
        return result.Report.Succeeded ? Success : ImportFailed;
    }
}
