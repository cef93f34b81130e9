using System.Text.RegularExpressions;

namespace Bot.Tests.Architecture;

/// <summary>
/// The layout the README promises a newcomer: one folder per feature, features that react to each other through events
/// rather than calls both ways, a thin turn edge, and files small enough to read in one sitting. Read from the sources,
/// so a change that breaks the layout fails here rather than in a review.
/// </summary>
public sealed partial class FeatureFolderTests
{
    private static readonly string[] Features = ["AuditExport", "Digest", "FailedDeliveries", "Help", "Metrics", "Posts", "Privacy", "Reminders", "Staffing", "Webhooks"];

    // Shared plumbing any feature may use; it must not reach into the features or the turn edge. Persistence is the
    // exception by design: its DbContext lists every feature's tables (the features configure them), and the
    // migrations are its history.
    private static readonly string[] Shared = ["Delivery", "Hosting", "Localization", "Persistence", "Scheduling", "Teams", "Telemetry"];

    private static readonly string[] SharedThatMustNotReachFeatures = ["Delivery", "Hosting", "Localization", "Scheduling", "Teams", "Telemetry"];

    private static readonly string Product = Path.Combine(LocalizationTests.RepositoryRoot(), "bot", "Bot");

    [Fact]
    public void No_source_file_is_longer_than_500_lines()
    {
        var tooLong = Sources()
            .Where(source => !source.RelativePath.StartsWith("Persistence/Migrations/", StringComparison.Ordinal))
            .Select(source => (source.RelativePath, Lines: source.Text.Split('\n').Length))
            .Where(file => file.Lines > 500)
            .Select(file => file.RelativePath)
            .ToList();

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    [Fact]
    public void No_two_feature_folders_depend_on_each_other_even_through_others()
    {
        var graph = Features.ToDictionary(feature => feature, feature => DependenciesOf(feature).Intersect(Features).ToHashSet());

        var cycles = Features
            .SelectMany(feature => graph[feature].Where(other => Reaches(graph, other, feature)).Select(other => $"{feature} -> {other}"))
            .ToList();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles));
    }

    [Fact]
    public void Shared_plumbing_does_not_depend_on_the_turn_edge_or_on_features()
    {
        var offenders = SharedThatMustNotReachFeatures
            .SelectMany(folder => DependenciesOf(folder).Intersect([.. Features, "Turns"]).Select(dependency => $"{folder} -> {dependency}"))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void Only_a_features_chat_layer_uses_the_turn_edge()
    {
        // A file of a feature may use Bot.Turns when it answers turns: it declares a command handler, a card action, an
        // installation or file observer, or works on a CommandTurn. Domain, persistence and jobs never do.
        var offenders = Sources()
            .Where(source => Features.Contains(source.Folder) && UsesTurns(source.Text))
            .Where(source => !ChatLayer().IsMatch(source.Text))
            .Select(source => source.RelativePath.Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_needs_a_team_and_wrong_role_refusals_are_written_once()
    {
        var writers = Sources()
            .Where(source => RefusalText().IsMatch(source.Text))
            .Select(source => source.RelativePath.Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => path != "Turns/TurnActors.cs")
            .ToList();

        Assert.True(writers.Count == 0, string.Join("\n", writers));
    }

    [Fact]
    public void The_checks_see_a_planted_cycle_and_a_planted_refusal()
    {
        var graph = new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"] };

        Assert.True(Reaches(graph, "B", "A"));
        Assert.False(Reaches(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [] }, "B", "A"));
        Assert.Matches(RefusalText(), "return texts.NeedsTeam;");
        Assert.True(UsesTurns("using Bot.Turns;\nnamespace Bot.Posts;"));
        Assert.Contains("Posts", References("var x = Posts.PostWorkflow.ShortId(id);"));
        Assert.DoesNotContain("Posts", References("var x = database.Posts.Count();"));
        Assert.DoesNotContain("Digest", References("protection.CreateProtector(\"Bot.Digest.Chart.v1\");"));
    }

    private static bool Reaches(IReadOnlyDictionary<string, HashSet<string>> graph, string from, string to)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var current))
        {
            if (current == to)
            {
                return true;
            }

            if (seen.Add(current) && graph.TryGetValue(current, out var next))
            {
                foreach (var node in next)
                {
                    pending.Push(node);
                }
            }
        }

        return false;
    }

    private static HashSet<string> DependenciesOf(string folder) =>
        [.. Sources().Where(source => source.Folder == folder).SelectMany(source => References(source.Text)).Where(reference => reference != folder)];

    private static IEnumerable<string> References(string text)
    {
        // A data protection purpose such as "Bot.Digest.Chart.v1" names a folder without depending on it.
        var code = StringLiteral().Replace(text, "\"\"");
        return NamespaceReference().Matches(code).Select(match => match.Groups["folder"].Value)
            .Concat(RelativeReference().Matches(code).Select(match => match.Groups["folder"].Value))
            .Where(folder => Features.Contains(folder) || Shared.Contains(folder) || folder == "Turns")
            .Distinct();
    }

    private static bool UsesTurns(string text) => References(text).Contains("Turns");

    private static IEnumerable<(string RelativePath, string Folder, string Text)> Sources() =>
        Directory.EnumerateFiles(Product, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Product, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("bin", StringComparison.Ordinal) && !path.StartsWith("obj", StringComparison.Ordinal))
            .Select(path => (path, path.Split('/')[0], File.ReadAllText(Path.Combine(Product, path))));

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\bBot\.(?<folder>\w+)")]
    private static partial Regex NamespaceReference();

    // Inside namespace Bot, "Posts.PostWorkflow" names a folder's namespace; "database.Posts" does not.
    [GeneratedRegex(@"(?<![\w.])(?<folder>[A-Z]\w+)\.[A-Z]\w*")]
    private static partial Regex RelativeReference();

    [GeneratedRegex(@"ICommandHandler<|ICardAction\b|IInstallationObserver|IFileMessageHandler|CommandTurn\b|CardActionRequest\b|CommandCatalog\b|partial class CommandArguments\b")]
    private static partial Regex ChatLayer();

    [GeneratedRegex(@"[Tt]exts\.(Format)?(NeedsTeam|NotCoordinator|NotAWriter)\b")]
    private static partial Regex RefusalText();
}
