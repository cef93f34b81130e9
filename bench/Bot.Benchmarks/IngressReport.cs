using System.Globalization;
using System.Text;

namespace Bot.Benchmarks;

/// <summary>The ingress section of the report: the three servers side by side, then the issue's goals as ratios of one run.</summary>
internal static class IngressReport
{
    public static string Write(BenchmarkOptions options, EndpointRun? bare, EndpointRun? reference, string? referenceMissing, EndpointRun bot)
    {
        var text = new StringBuilder();
        text.AppendLine("## Ingress and memory");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Load: {options.Connections} connections and {options.Connections} closed-loop workers, {options.WarmupSeconds} s warm-up then {options.Seconds} s measured per server, one after the other (bare endpoint, botbuilder-js reference, bot); each request a fresh Teams personal message `help` with one of {options.Tokens} pre-minted RS256 channel tokens. Both bots validate the token against the fake issuer and reply with an Adaptive Card through the fake connector; a bot's turn counts only if its reply reached the connector in the measured window (turns = min(200 answers, replies)), and turns/s and CPU per turn are per counted turn; latency runs to the HTTP answer. The .NET servers run with workstation GC, as the bot ships; the reference is Node {NodeVersion()} with botbuilder 4.23.3 (bench/reference-bot).");
        if (options.ExtraBotEnvironment.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Bot environment overrides: {string.Join(", ", options.ExtraBotEnvironment.Select(e => $"`{e.Key}={e.Value}`"))}.");
        }

        text.AppendLine();
        text.AppendLine("| server | 200 answers | errors | connector replies | turns/s | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/turn (of it kernel) | idle RSS MB | peak RSS MB | threads idle → peak |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        if (bare is not null)
        {
            Row(text, bare, replies: false);
        }
        else
        {
            text.AppendLine("| bare endpoint | not selected (--ingress-servers) |||||||||||| ");
        }

        if (reference is not null)
        {
            Row(text, reference, replies: true);
        }
        else
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| botbuilder-js reference | not run: {referenceMissing} |||||||||||| ");
        }

        Row(text, bot, replies: true);

        text.AppendLine();
        var loadGenerator = string.Join(", ", new[] { bare, reference, bot }.OfType<EndpointRun>().Select(r => $"{r.Name} {r.LoadGeneratorCpu.TotalSeconds:F1} s"));
        text.AppendLine(CultureInfo.InvariantCulture, $"Benchmark process CPU during each measured window (load generator + fake connector + token issuer): {loadGenerator} of {options.Seconds} s wall. Bot log lines in the window: {bot.OutputLines}. RSS sampled every 250 ms.");

        var botRate = bot.TurnsPerSecond(replies: true);
        var p99 = bot.Result.PercentileMs(99);
        var cpu = bot.ServerCpuMsPerTurn(replies: true);
        text.AppendLine();
        text.AppendLine("| goal | target | measured | result |");
        text.AppendLine("|---|---|---|---|");
        if (bare is not null)
        {
            var ofBare = botRate / bare.TurnsPerSecond(replies: false);
            text.AppendLine(CultureInfo.InvariantCulture, $"| bot turns/s against the bare endpoint | ≥ 10 % (stretch 25 %) | {ofBare:P1} ({botRate:F0} / {bare.TurnsPerSecond(replies: false):F0}) | {Verdict(ofBare >= 0.10)}{(ofBare >= 0.25 ? ", stretch met" : "")} |");
        }

        if (reference is not null && reference.Turns(replies: true) > 0)
        {
            var ofReference = botRate / reference.TurnsPerSecond(replies: true);
            text.AppendLine(CultureInfo.InvariantCulture, $"| bot turns/s against the botbuilder-js reference | ≥ 5× | {ofReference:F2}× ({botRate:F0} / {reference.TurnsPerSecond(replies: true):F0}) | {Verdict(ofReference >= 5)} |");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"| bot p99 latency at {options.Connections} connections | < 25 ms | {p99:F2} ms | {Verdict(p99 < 25 && bot.Result.Errors == 0)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| bot CPU per turn | ≤ 0.6 ms | {cpu:F3} ms | {Verdict(cpu <= 0.6)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| bot peak RSS | < 180 MB | {bot.PeakMegabytes:F0} MB (idle {bot.IdleBytes / 1048576.0:F0} MB) | {Verdict(bot.PeakMegabytes < 180)} |");
        return text.ToString();
    }

    private static void Row(StringBuilder text, EndpointRun run, bool replies)
    {
        var r = run.Result;
        text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Name} | {r.Succeeded} | {r.Errors} | {(replies ? run.ConnectorCalls.ToString(CultureInfo.InvariantCulture) : "—")} | {run.TurnsPerSecond(replies):F0} | {r.PercentileMs(50):F2} | {r.PercentileMs(90):F2} | {r.PercentileMs(99):F2} | {r.MaxMs:F1} | {run.ServerCpuMsPerTurn(replies):F3} ({run.ServerKernelCpuMsPerTurn(replies):F3}) | {run.IdleBytes / 1048576.0:F0} | {run.PeakMegabytes:F0} | {run.IdleThreads} → {run.PeakThreads} |");
    }

    public static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string NodeVersion()
    {
        try
        {
            using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            var version = node.StandardOutput.ReadToEnd().Trim();
            node.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(not found)";
        }
    }
}
