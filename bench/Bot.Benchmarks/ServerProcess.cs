using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bot.Benchmarks;

/// <summary>
/// A server under test in its own process on a free loopback port: its own GC heap, thread pool and JIT, so the load
/// generator (and the fakes, which live in the benchmark process) never share a runtime with it.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastOutput = new();
    private long _outputLines;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    public long OutputLines => Interlocked.Read(ref _outputLines);

    /// <summary>User and kernel CPU apart: SQLite's commits spend theirs in the kernel (fsync), managed code in user mode.</summary>
    public (TimeSpan User, TimeSpan Kernel) ProcessorTime
    {
        get
        {
            _process.Refresh();
            return (_process.UserProcessorTime, _process.PrivilegedProcessorTime);
        }
    }

    /// <summary>
    /// A .NET server: a build's assembly started with this process's dotnet host, or a published (self-contained)
    /// executable started as it is.
    /// </summary>
    public static Task<ServerProcess> StartAsync(string program, IEnumerable<string> arguments, IDictionary<string, string> environment, HttpClient probe) =>
        program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? StartCommandAsync(Environment.ProcessPath ?? "dotnet", [program, .. arguments], Path.GetDirectoryName(program)!, environment, probe)
            : StartCommandAsync(program, arguments, Path.GetDirectoryName(program)!, environment, probe);

    /// <summary>
    /// Any server that takes <c>--urls http://127.0.0.1:port</c> last and answers <c>GET /healthz</c> with 200 once it
    /// serves (the .NET servers and the Node reference bot alike).
    /// </summary>
    public static async Task<ServerProcess> StartCommandAsync(string executable, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, HttpClient probe)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.AbsoluteUri.TrimEnd('/'));
        // The benchmark may itself run under a Development environment; the servers must not inherit it.
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new ServerProcess(process, baseAddress);
        // Both pipes must be drained, or a chatty server blocks on a full pipe and the benchmark measures that.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync(probe);
        return server;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _outputLines);
        lock (_lastOutput)
        {
            _lastOutput.Enqueue(line);
            if (_lastOutput.Count > 40)
            {
                _lastOutput.Dequeue();
            }
        }
    }

    /// <summary>The last 40 lines the server wrote, to say why it failed.</summary>
    public string LastOutput()
    {
        lock (_lastOutput)
        {
            return string.Join(Environment.NewLine, _lastOutput);
        }
    }

    private async Task WaitUntilHealthyAsync(HttpClient probe)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 60;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} during start-up:{Environment.NewLine}{LastOutput()}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(BaseAddress, "healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server at {BaseAddress} was not healthy within 60 s:{Environment.NewLine}{LastOutput()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
