using System.Diagnostics;

namespace Bot.Testing;

/// <summary>
/// The bot as a process of its own. Under scripts/test.sh that is the published bot, named by
/// <see cref="PublishedVariable"/>: self-contained with the shared framework trimmed, as a deployment runs it
/// (bot/TrimmedFramework.targets), so these tests are what shows the trimmed build works. Run from an IDE without it,
/// the build output is started with dotnet instead; under CI the published bot must be there.
/// </summary>
public static class BotExecutable
{
    public const string PublishedVariable = "BOT_PUBLISHED";

    /// <summary>
    /// A start for the bot listening at <paramref name="address"/>, its output redirected for the test's log;
    /// <paramref name="buildOutputDll"/> is the fallback. The caller adds the environment.
    /// </summary>
    public static ProcessStartInfo StartInfo(string buildOutputDll, string workingDirectory, Uri address)
    {
        var start = Program(buildOutputDll);
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.AbsoluteUri.TrimEnd('/'));
        return start;
    }

    private static ProcessStartInfo Program(string buildOutputDll)
    {
        var published = Environment.GetEnvironmentVariable(PublishedVariable);
        if (!string.IsNullOrEmpty(published))
        {
            if (!File.Exists(published))
            {
                throw new InvalidOperationException($"{PublishedVariable} names {published}, which does not exist: run scripts/test.sh, which publishes the bot first.");
            }

            return new ProcessStartInfo(published);
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            throw new InvalidOperationException($"{PublishedVariable} is not set: under CI the process tests run the published bot; run them through scripts/test.sh.");
        }

        if (!File.Exists(buildOutputDll))
        {
            throw new InvalidOperationException($"The bot is not built at {buildOutputDll}.");
        }

        return new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { ArgumentList = { buildOutputDll } };
    }
}
