using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Bot.Hosting;

internal static class RepositorySettings
{
    /// <summary>
    /// The default host looks for appsettings.json in the content root, which is the project folder under both
    /// dotnet run and WebApplicationFactory; ours sits at the repository root and is copied beside the binaries. This
    /// puts that copy exactly where the default file would have been, so environment variables and the command line
    /// still override it.
    /// </summary>
    public static void UseRepositorySettingsFile(this ConfigurationManager configuration)
    {
        var sources = (IList<IConfigurationSource>)configuration.Sources;
        var settings = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = false,
        };

        var defaultIndex = sources
            .Select((source, index) => (source, index))
            .Where(entry => entry.source is JsonConfigurationSource { Path: "appsettings.json" })
            .Select(entry => entry.index)
            .DefaultIfEmpty(-1)
            .First();
        if (defaultIndex >= 0)
        {
            sources[defaultIndex] = settings;
        }
        else
        {
            sources.Insert(0, settings);
        }
    }
}
