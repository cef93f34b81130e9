namespace Bot.AppPackage;

/// <summary>
/// manifest/manifest.json and manifest/de.json from the repository, embedded in the bot at build time so the package
/// command works from any folder and from a published build.
/// </summary>
internal sealed record ManifestTemplates(string Manifest, string German)
{
    public const string AppIdPlaceholder = "{{BOT_APP_ID}}";
    public const string DomainPlaceholder = "{{BOT_DOMAIN}}";

    public static ManifestTemplates Embedded { get; } = new(Read("manifest.json"), Read("de.json"));

    private static string Read(string fileName)
    {
        var resourceName = "Bot.AppPackage.Templates." + fileName;
        using var stream = typeof(ManifestTemplates).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The bot was built without the embedded resource {resourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
