using System.IO.Compression;

namespace Bot.AppPackage;

internal sealed record AppPackageFile(string Name, byte[] Content);

/// <summary>The files of a Teams app package, all at the root of the zip as Teams expects.</summary>
internal sealed class TeamsAppPackage(IReadOnlyList<AppPackageFile> files)
{
    /// <summary>
    /// The entries' dates mean nothing to Teams; a fixed one keeps the clock out, so the same settings give the same
    /// files whenever the package is built.
    /// </summary>
    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<AppPackageFile> Files { get; } = files;

    public void WriteZip(Stream destination)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in Files)
        {
            var entry = zip.CreateEntry(file.Name, CompressionLevel.Optimal);
            entry.LastWriteTime = EntryTimestamp;
            using var content = entry.Open();
            content.Write(file.Content);
        }
    }
}

/// <summary>The package would not install, or not as intended; every problem found is listed, not only the first.</summary>
internal sealed class AppPackageException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
