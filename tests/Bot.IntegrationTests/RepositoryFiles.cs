using System.Text.Json;

namespace Bot.IntegrationTests;

internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static JsonElement AppSettings() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "appsettings.json"))).RootElement;

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
