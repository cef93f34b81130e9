namespace Bot.Benchmarks;

/// <summary>
/// The botbuilder-js reference bot (bench/reference-bot/index.js) as a Node process, with the packages
/// scripts/bench.sh installed into .tools/botbuilder-reference from the committed lock file.
/// </summary>
internal static class ReferenceBot
{
    public static string Script(BenchmarkOptions options) => Path.Combine(options.RepositoryRoot, "bench", "reference-bot", "index.js");

    public static string Modules(BenchmarkOptions options) => Path.Combine(options.RepositoryRoot, ".tools", "botbuilder-reference", "node_modules");

    /// <summary>Why the reference cannot run here, or null when it can.</summary>
    public static string? Missing(BenchmarkOptions options) =>
        !File.Exists(Script(options)) ? $"{Script(options)} is missing."
        : !File.Exists(Path.Combine(Modules(options), "botbuilder", "package.json")) ? $"botbuilder is not installed in {Modules(options)}: ./scripts/bench.sh installs it."
        : null;

    /// <summary>Starts it with the same Bot Framework settings as the bot (those it does not know, it ignores).</summary>
    public static Task<ServerProcess> StartAsync(BenchmarkOptions options, IReadOnlyDictionary<string, string> botEnvironment, HttpClient client)
    {
        var environment = new Dictionary<string, string>(botEnvironment)
        {
            ["NODE_PATH"] = Modules(options),
            ["NODE_ENV"] = "production",
        };
        // Node keeps its own root store; it trusts the fake issuer's test certificate through this variable, as .NET
        // children do through SSL_CERT_FILE.
        if (environment.TryGetValue("SSL_CERT_FILE", out var certificate))
        {
            environment["NODE_EXTRA_CA_CERTS"] = certificate;
        }

        return ServerProcess.StartCommandAsync("node", [Script(options)], Path.GetDirectoryName(Script(options))!, environment, client);
    }
}
