using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bot.Testing;
using Microsoft.Playwright;

namespace Bot.EndToEndTests;

/// <summary>
/// The bot as a real process on its own SQLite file, the Microsoft 365 Agents Playground pointed at it, and Debian's
/// Chromium driven by Playwright: what a person sees when they run scripts/run.sh. Missing parts fail the tests with
/// the way to get them; nothing is skipped.
/// </summary>
public partial class PlaygroundEnvironment : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _botSettings;
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "bot-e2e", Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _botAddress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _bot;
    private Process? _playground;
    private IPlaywright? _playwright;

    public PlaygroundEnvironment()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A bot started with extra settings as environment variables (e.g. <c>Bot__DefaultLanguage</c>).</summary>
    protected PlaygroundEnvironment(IReadOnlyDictionary<string, string> botSettings) => _botSettings = botSettings;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public Uri PlaygroundUrl { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Everything the bot and the Playground printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var playgroundCli = Environment.GetEnvironmentVariable("PLAYGROUND_CLI")
            ?? Path.Combine(RepositoryRoot, ".tools", "playground", "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        Require(File.Exists(chromium), $"Chromium is missing at {chromium}. Run scripts/test.sh, which installs Debian's 'chromium' package.");
        Require(File.Exists(playgroundCli), $"The Agents Playground is missing at {playgroundCli}. Run scripts/test.sh, which installs it from npm.");

        Directory.CreateDirectory(_workFolder);
        await StartBotAsync();
        await StartPlaygroundAsync(playgroundCli);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google on a machine with no internet.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task<PlaygroundPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var playgroundPage = new PlaygroundPage(page, PlaygroundUrl, () => Log);
        await playgroundPage.WaitUntilReadyAsync();
        return playgroundPage;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Stop(_playground);
        Stop(_bot);
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a log file for a moment; the temp folder is not worth failing a run over.
        }
    }

    private async Task StartBotAsync()
    {
        var environment = new Dictionary<string, string>(_botSettings)
        {
            ["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(_workFolder, "data", "bot.db")}",
            ["MicrosoftAppId"] = string.Empty,
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        // Port 0: the bot takes a free port itself and logs which. A port picked here and bound by the bot a second later
        // can be taken meanwhile by a server of the other collection running beside this one, whose /healthz then
        // answered for a bot that had failed to bind, and the Playground talked to the wrong bot.
        _bot = StartProcess("bot", BotExecutable.StartInfo(BuiltBotDll, _workFolder, new Uri("http://127.0.0.1:0")), environment);
        var address = await BotAddressAsync();
        BotEndpoint = new Uri(address, "api/messages");
        await WaitForAsync(new Uri(address, "healthz"), _bot, "the bot");
    }

    private async Task<Uri> BotAddressAsync()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (!_botAddress.Task.IsCompleted)
        {
            Require(!_bot!.HasExited, "the bot exited during start-up.");
            Require(DateTimeOffset.UtcNow < deadline, "the bot did not say where it listens within 90 s.");
            await Task.WhenAny(_botAddress.Task, Task.Delay(250));
        }

        return await _botAddress.Task;
    }

    public Uri BotEndpoint { get; private set; } = null!;

    /// <summary>The bot's SQLite file, for a test that needs an id the Playground does not show.</summary>
    public string DatabasePath => Path.Combine(_workFolder, "data", "bot.db");

    /// <summary>
    /// Sends an activity through the Playground as if another person of its world acted (the Playground's "Custom
    /// activity"): the bot receives it like any other, and what it sends back shows in the open pages.
    /// </summary>
    public async Task SendCustomActivityAsync(string conversationId, Func<System.Text.Json.Nodes.JsonObject, System.Text.Json.Nodes.JsonObject> shape)
    {
        using var client = new HttpClient { BaseAddress = PlaygroundUrl };
        var template = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"_internal/v1/customActivities/template?conversationId={Uri.EscapeDataString(conversationId)}"))!.AsObject();
        using var response = await client.PostAsync(
            "_internal/v1/customActivities",
            new StringContent(shape(template).ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Require(response.IsSuccessStatusCode, $"The Playground refused the custom activity: {(int)response.StatusCode}.");
    }

    private async Task StartPlaygroundAsync(string playgroundCli)
    {
        var port = FreePort();
        var configFolder = Path.Combine(_workFolder, "playground");
        Directory.CreateDirectory(configFolder);
        File.Copy(Path.Combine(RepositoryRoot, "playground", ".m365agentsplayground.yml"), Path.Combine(configFolder, ".m365agentsplayground.yml"));
        var playground = new ProcessStartInfo("node") { WorkingDirectory = configFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { playgroundCli, "start", "-e", BotEndpoint.AbsoluteUri, "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt" })
        {
            playground.ArgumentList.Add(argument);
        }

        _playground = StartProcess("playground", playground, new() { ["TEAMSAPPTESTER_BROWSER"] = "none" });
        PlaygroundUrl = new Uri($"http://127.0.0.1:{port}/");
        // "Listening on" is printed even when the yml is broken; the ping answers only once the backend is really up.
        await WaitForAsync(new Uri(PlaygroundUrl, "_debug/ping"), _playground, "the Agents Playground");
    }

    private Process StartProcess(string name, ProcessStartInfo start, Dictionary<string, string> environment)
    {
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.OutputDataReceived += (_, e) => Append(name, e.Data);
        process.ErrorDataReceived += (_, e) => Append(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string name, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Append('[').Append(name).Append("] ").AppendLine(line);
        }

        if (name == "bot" && ListeningLine().Match(line) is { Success: true } listening)
        {
            _botAddress.TrySetResult(new Uri(listening.Groups["address"].Value + "/"));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningLine();

    private async Task WaitForAsync(Uri url, Process process, string what)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline)
        {
            Require(!process.HasExited, $"{what} exited during start-up.");
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Require(false, $"{what} did not answer at {url} within 90 s.");
    }

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message + "\n" + Log);
        }
    }

    private static void Stop(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The build output, which <see cref="BotExecutable"/> starts when the published bot is not there.</summary>
    public static string BuiltBotDll => Path.Combine(RepositoryRoot, "bot", "Bot", "bin", BuildConfiguration, "net10.0", "Bot.dll");

#if DEBUG
    public const string BuildConfiguration = "Debug";
#else
    public const string BuildConfiguration = "Release";
#endif
}

[CollectionDefinition(Name)]
public sealed class PlaygroundCollection : ICollectionFixture<PlaygroundEnvironment>
{
    public const string Name = "Agents Playground";
}
