using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Bot.Testing;

namespace Bot.IntegrationTests.Cluster;

/// <summary>
/// One instance of the built bot as a real child process on its own loopback port: what a load balancer would have
/// behind it. SIGKILL is the only way it stops early, so no shutdown hook can tidy up for it.
/// </summary>
internal sealed class BotProcess : IDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private BotProcess(string name) => Name = name;

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

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

    public static async Task<BotProcess> StartAsync(string name, TestDatabase database, FakeChannelTokenIssuer issuer, string workFolder, IReadOnlyDictionary<string, string> settings, HttpClient http)
    {
        var bot = new BotProcess(name);
        await bot.StartAsync(database, issuer, workFolder, settings, http);
        return bot;
    }

    private async Task StartAsync(TestDatabase database, FakeChannelTokenIssuer issuer, string workFolder, IReadOnlyDictionary<string, string> settings, HttpClient http)
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = BotExecutable.StartInfo(BotDll, workFolder, BaseAddress);
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in database.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        // Every instance of one bot has the same app registration: a token minted for one is valid at all.
        start.Environment["MicrosoftAppId"] = BotApplication.AppId;
        start.Environment["MicrosoftAppType"] = "SingleTenant";
        start.Environment["MicrosoftAppPassword"] = BotApplication.AppPassword;
        start.Environment["MicrosoftAppTenantId"] = "test-tenant";
        start.Environment["ToBotFromChannelOpenIdMetadataUrl"] = issuer.MetadataUrl.AbsoluteUri;
        start.Environment["ToChannelFromBotLoginUrl"] = issuer.LoginUrl.AbsoluteUri;
        start.Environment["ValidateAuthority"] = "false";
        // The issuer's HTTPS certificate is trusted through the child's OpenSSL trust store, not through a hook in the bot.
        foreach (var (key, value) in TestCertificate.ChildProcessEnvironment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            Assert.False(_process.HasExited, $"{Name} exited at start-up.\n{Output}");
            try
            {
                using var ready = await http.GetAsync(new Uri(BaseAddress, "readyz"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"{Name} did not become ready.\n{Output}");
            await Task.Delay(100);
        }
    }

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>SIGKILL: no shutdown hooks, no flush, no leaving the cluster politely.</summary>
    public void Kill()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        process.Dispose();
    }

    public void Dispose() => Kill();

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string BotDll => Path.Combine(RepositoryFiles.Root, "bot", "Bot", "bin", BuildConfiguration, "net10.0", "Bot.dll");

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
}
