using System.Xml.Linq;

namespace Bot.Tests.Architecture;

/// <summary>
/// Every build audits every package, transitive ones included, and a known vulnerability of any severity fails it, so a
/// vulnerable package cannot reach main through CI. Read from Directory.Build.props, which every project imports.
/// </summary>
public sealed class SupplyChainTests
{
    [Fact]
    public void NuGet_audit_covers_every_package_and_any_finding_fails_the_build()
    {
        var properties = XDocument.Load(Path.Combine(LocalizationTests.RepositoryRoot(), "Directory.Build.props"))
            .Descendants("PropertyGroup").Elements()
            .GroupBy(e => e.Name.LocalName)
            .ToDictionary(g => g.Key, g => g.Last().Value.Trim());

        Assert.Equal(("true", "all", "low"), (properties.GetValueOrDefault("NuGetAudit"), properties.GetValueOrDefault("NuGetAuditMode"), properties.GetValueOrDefault("NuGetAuditLevel")));
        var asErrors = properties.GetValueOrDefault("WarningsAsErrors", string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Subset(asErrors.ToHashSet(), new HashSet<string> { "NU1901", "NU1902", "NU1903", "NU1904" });
        Assert.DoesNotContain("NU190", properties.GetValueOrDefault("NoWarn", string.Empty), StringComparison.Ordinal);
        Assert.DoesNotContain("NU190", properties.GetValueOrDefault("WarningsNotAsErrors", string.Empty), StringComparison.Ordinal);
    }
}
