namespace Bot.AppPackage;

/// <summary>
/// <c>dotnet run --project bot/Bot -- package --app-id &lt;guid&gt; --domain &lt;host&gt; --out app.zip</c>: writes the
/// Teams app package for one organisation's bot. Mistakes are reported as plain messages with a non-zero exit code,
/// since the person running it is an admin, not a developer reading stack traces.
/// </summary>
internal static class AppPackageCommand
{
    private const int Success = 0;
    private const int PackageFailed = 1;
    private const int BadArguments = 2;

    private const string Usage =
        "Usage: dotnet run --project bot/Bot -- package --app-id <guid> --domain <host> --out <file.zip>\n" +
        "                  [--app-version <x.y.z>] [--privacy-url <https url>] [--terms-url <https url>]";

    private const string Help =
        Usage + "\n\n" +
        "Writes the Teams app package (manifest.json, de.json, color.png, outline.png) for your bot.\n\n" +
        "  --app-id       the bot's Microsoft App ID: the Application (client) ID of its Entra ID app registration\n" +
        "  --domain       the host name the bot is reached at, e.g. bot.contoso.com (messages go to https://<domain>/api/messages)\n" +
        "  --out          the zip file to write\n" +
        "  --app-version  the app version, default from manifest/manifest.json; raise it for every update you upload\n" +
        "  --privacy-url  your privacy statement, default https://<domain>/\n" +
        "  --terms-url    your terms of use, default https://<domain>/\n\n" +
        "How to upload the package: docs/teams-app-package.md";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var arguments = AppPackageArguments.Parse(args);
        if (arguments.HelpRequested)
        {
            output.WriteLine(Help);
            return Success;
        }

        if (arguments.Errors.Count > 0)
        {
            foreach (var message in arguments.Errors)
            {
                error.WriteLine("error: " + message);
            }

            error.WriteLine();
            error.WriteLine(Usage);
            return BadArguments;
        }

        var settings = arguments.Settings!;
        var outputPath = Path.GetFullPath(arguments.OutputPath!);
        TeamsAppPackage package;
        try
        {
            package = AppPackageBuilder.Build(settings);
        }
        catch (AppPackageException e)
        {
            foreach (var problem in e.Problems)
            {
                error.WriteLine("error: " + problem);
            }

            return PackageFailed;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
            using var zip = new MemoryStream();
            package.WriteZip(zip);
            File.WriteAllBytes(outputPath, zip.ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: could not write {outputPath}: {e.Message}");
            return PackageFailed;
        }

        output.WriteLine($"Wrote {outputPath}");
        output.WriteLine($"  files:     {string.Join(", ", package.Files.Select(file => file.Name))}");
        output.WriteLine($"  app id:    {settings.AppId:D}");
        output.WriteLine($"  endpoint:  https://{settings.Domain}/api/messages (set this as the Azure Bot's messaging endpoint)");
        output.WriteLine("Upload it in Teams as described in docs/teams-app-package.md.");
        return Success;
    }
}
