using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Bot.AppPackage.Tests;

/// <summary>A package built the way the package command builds it, for a made-up organisation.</summary>
internal static class TestPackage
{
    public static readonly Guid AppId = Guid.Parse("6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7");
    public const string Domain = "socialbot.contoso-gmbh.de";

    public static TeamsAppPackage Build() => AppPackageBuilder.Build(new AppPackageSettings(AppId, Domain));

    public static byte[] File(this TeamsAppPackage package, string name) => package.Files.Single(file => file.Name == name).Content;

    public static JsonObject Json(this TeamsAppPackage package, string name) => JsonNode.Parse(package.File(name))!.AsObject();

    public static Dictionary<string, byte[]> ReadZip(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var content = entry.Open();
            using var copy = new MemoryStream();
            content.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
