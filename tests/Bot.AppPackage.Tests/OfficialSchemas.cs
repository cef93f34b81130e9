using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.AppPackage.Tests;

/// <summary>
/// Microsoft's Teams app manifest and localisation JSON schemas, from the npm package @microsoft/app-manifest that
/// scripts/test.sh installs (never copied into the repository), and the validator they are checked with. A missing
/// schema, package or Node.js fails the test with the way to get it: these tests never skip.
/// </summary>
internal static class OfficialSchemas
{
    public const string PackageVersion = "1.1.2";

    private static readonly string Folder = Environment.GetEnvironmentVariable("APP_MANIFEST_SCHEMAS") is { Length: > 0 } configured
        ? configured
        : RepositoryFiles.Path(".tools", "app-manifest", "node_modules", "@microsoft", "app-manifest", "build", "json-schemas", "teams");

    private static readonly string Validator = RepositoryFiles.Path("tests", "Bot.AppPackage.Tests", "validate-json-schema.cjs");

    public static string ManifestSchemaPath => Require(Path.Combine(Folder, "v" + TeamsManifestSchema.Version, "MicrosoftTeams.schema.json"));

    public static string LocalizationSchemaPath => Require(Path.Combine(Folder, "v" + TeamsManifestSchema.Version, "MicrosoftTeams.Localization.schema.json"));

    public static JsonNode ManifestSchema => JsonNode.Parse(File.ReadAllText(ManifestSchemaPath))!;

    public static JsonNode LocalizationSchema => JsonNode.Parse(File.ReadAllText(LocalizationSchemaPath))!;

    /// <summary>The schema's error messages for the document; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string schemaPath, byte[] document)
    {
        var documentPath = Path.Combine(Path.GetTempPath(), $"app-package-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(documentPath, document);
        try
        {
            var start = new ProcessStartInfo("node")
            {
                ArgumentList = { Validator, schemaPath, documentPath },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception e)
            {
                Assert.Fail($"Node.js runs the JSON schema validator but could not be started ({e.Message}). Install Node.js 20 or later, then run scripts/test.sh.");
                throw;
            }

            using (process)
            {
                var errorOutput = process.StandardError.ReadToEndAsync();
                var output = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode is not (0 or 1))
                {
                    Assert.Fail($"The schema validator failed (exit code {process.ExitCode}): {errorOutput.Result}");
                }

                return JsonSerializer.Deserialize<List<string>>(output)!;
            }
        }
        finally
        {
            File.Delete(documentPath);
        }
    }

    private static string Require(string schemaPath)
    {
        const string howToGetThem =
            "Run scripts/test.sh, which npm-installs @microsoft/app-manifest@" + PackageVersion + " into .tools/app-manifest, " +
            "or set APP_MANIFEST_SCHEMAS to that package's build/json-schemas/teams folder.";
        if (!File.Exists(schemaPath))
        {
            Assert.Fail($"The Teams app manifest JSON schemas are not installed: {schemaPath} is missing. {howToGetThem}");
        }

        var packageJson = Path.GetFullPath(Path.Combine(Folder, "..", "..", "..", "package.json"));
        var installed = File.Exists(packageJson) ? JsonNode.Parse(File.ReadAllText(packageJson))?["version"]?.GetValue<string>() : null;
        if (installed != PackageVersion)
        {
            Assert.Fail($"The schemas must come from @microsoft/app-manifest {PackageVersion}, found '{installed ?? "no package.json"}' at {packageJson}. {howToGetThem}");
        }

        return schemaPath;
    }
}
