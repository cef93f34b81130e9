using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bot.EndToEndTests;

/// <summary>
/// scripts/run.sh as a newcomer meets it: on a machine with no browser, and with the bot's port already taken. The
/// script runs for real (build, bot, Playground) on ports and a database of the test's own.
/// </summary>
public sealed class RunScriptTests : IDisposable
{
    private static readonly string[] BrowserCommands = ["xdg-open", "x-www-browser", "www-browser", "sensible-browser", "chromium", "chromium-browser", "google-chrome", "firefox"];

    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "bot-run-sh", Guid.NewGuid().ToString("N"));

    public RunScriptTests() => Directory.CreateDirectory(_workFolder);

    [Fact]
    public async Task Without_a_browser_run_sh_starts_the_bot_and_the_playground_and_stops_both_on_ctrl_c()
    {
        var botPort = FreePort();
        var playgroundPort = FreePort();
        using var script = RunScript(new()
        {
            ["PATH"] = PathWithoutBrowsers(),
            ["BOT_PORT"] = botPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYGROUND_PORT"] = playgroundPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        // run.sh builds the bot before it starts anything, and the other test projects run alongside on this machine's
        // two cores: even an up-to-date build then took over 60 s now and then.
        await script.WaitForOutputAsync($"Open http://127.0.0.1:{playgroundPort}/", TimeSpan.FromSeconds(180));
        // The Playground tried to open a browser right after it began listening; give a failed attempt time to end it.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(script.Process.HasExited, "run.sh stopped by itself:\n" + script.Output);
        await AssertAnswersAsync($"http://127.0.0.1:{botPort}/healthz", script);
        await AssertAnswersAsync($"http://127.0.0.1:{playgroundPort}/_debug/ping", script);

        await script.InterruptAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("Stopped.", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR", script.Output, StringComparison.Ordinal);
        Assert.False(IsListening(botPort), "The bot still listens after Ctrl+C.");
        Assert.False(IsListening(playgroundPort), "The Playground still listens after Ctrl+C.");
    }

    [Fact]
    public async Task With_port_3978_taken_run_sh_names_it_and_starts_nothing()
    {
        // Port 3978 may already be in use on this machine (a bot someone runs); then it is taken all the same.
        using var listener = TryListen(3978);
        using var script = RunScript(new() { ["BOT_PORT"] = null, ["PLAYGROUND_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var exitCode = await script.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode != 0, "run.sh succeeded with its port taken:\n" + script.Output);
        Assert.Contains("Port 3978", script.Output, StringComparison.Ordinal);
        Assert.Contains("BOT_PORT", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Building", script.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_playground_port_taken_run_sh_names_it_and_starts_nothing()
    {
        var playgroundPort = FreePort();
        using var listener = TryListen(playgroundPort);
        using var script = RunScript(new()
        {
            ["BOT_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PLAYGROUND_PORT"] = playgroundPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var exitCode = await script.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode != 0, "run.sh succeeded with its port taken:\n" + script.Output);
        Assert.Contains($"Port {playgroundPort}", script.Output, StringComparison.Ordinal);
        Assert.Contains("PLAYGROUND_PORT", script.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Building", script.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is not worth failing a run over.
        }
    }

    private RunningScript RunScript(Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = PlaygroundEnvironment.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(PlaygroundEnvironment.RepositoryRoot, "scripts", "run.sh"));
        // No display and no preset choice: what a server or a container offers.
        foreach (var name in new[] { "DISPLAY", "WAYLAND_DISPLAY", "TEAMSAPPTESTER_BROWSER", "BROWSER" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["CONFIGURATION"] = PlaygroundEnvironment.BuildConfiguration;
        start.Environment["ConnectionStrings__Bot"] = $"Data Source={Path.Combine(_workFolder, "bot.db")}";
        // The script's build must not leave MSBuild or compiler servers behind holding this test's output pipes.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return new RunningScript(Process.Start(start) ?? throw new InvalidOperationException("Could not start bash."));
    }

    /// <summary>The test's PATH with every folder's programs except the browsers and their openers.</summary>
    private string PathWithoutBrowsers()
    {
        var bin = Path.Combine(_workFolder, "bin");
        Directory.CreateDirectory(bin);
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var program in Directory.EnumerateFileSystemEntries(folder))
            {
                var name = Path.GetFileName(program);
                var link = Path.Combine(bin, name);
                if (!BrowserCommands.Contains(name, StringComparer.Ordinal) && !File.Exists(link) && !Directory.Exists(link))
                {
                    File.CreateSymbolicLink(link, program);
                }
            }
        }

        return bin;
    }

    private static async Task AssertAnswersAsync(string url, RunningScript script)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri(url));
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}:\n{script.Output}");
    }

    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException error) when (error.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            return null;
        }
    }

    private static bool IsListening(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RunningScript : IDisposable
    {
        private readonly StringBuilder _output = new();

        public RunningScript(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTimeOffset.UtcNow + timeout;
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                Assert.False(Process.HasExited, $"run.sh stopped before printing \"{text}\":\n{Output}");
                Assert.True(DateTimeOffset.UtcNow < deadline, $"run.sh did not print \"{text}\" within {timeout.TotalSeconds} s:\n{Output}");
                await Task.Delay(200);
            }
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"run.sh did not end within {timeout.TotalSeconds} s:\n{Output}");
            }

            return Process.ExitCode;
        }

        /// <summary>Ctrl+C: SIGINT to the script, which stops what it started.</summary>
        public async Task InterruptAsync(TimeSpan timeout)
        {
            using (var kill = Process.Start("kill", ["-INT", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await WaitForExitAsync(timeout);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(10_000);
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
