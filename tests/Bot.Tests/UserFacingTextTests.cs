using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Bot.Tests;

/// <summary>
/// Every text a person reads comes from the resource files, so it exists in German and English. This parses the
/// product's sources and fails on any string literal that reads like prose outside them.
/// </summary>
public sealed partial class UserFacingTextTests
{
    // Literals that read like words but never reach a person, each with the reason.
    private static readonly HashSet<string> NotShownToPeople =
    [
        "PRAGMA journal_mode=WAL;", // SQL
        "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;", // SQL
        "Data Source=design-time.db", // the connection string of `dotnet ef`
        "text/csv; charset=utf-8", // a media type
        "text/calendar; charset=utf-8", // a media type
        "text/html; charset=utf-8", // a media type
        "text/css; charset=utf-8", // a media type
        "text/javascript; charset=utf-8", // a media type
        "'self' teams.microsoft.com *.teams.microsoft.com *.skype.com *.office.com outlook.office.com outlook.office365.com *.microsoft365.com *.cloud.microsoft", // the calendar tab's Content-Security-Policy frame-ancestors
        "-//Social Media Bot//Calendar feed//EN", // iCalendar's PRODID: names the program that wrote a feed, calendars do not show it
        "yyyy-MM-dd HH:mm:ss", // a format pattern
        " is running. Teams sends activities to POST /api/messages.\n", // GET /: for whoever operates the bot, like a health page
    ];

    [Fact]
    public void No_prose_is_written_in_code_outside_the_resource_files()
    {
        var product = Path.Combine(LocalizationTests.RepositoryRoot(), "bot", "Bot");
        var sources = Directory.EnumerateFiles(product, "*.cs", SearchOption.AllDirectories)
            // AppPackage is the `package` command: a terminal tool for the administrator who deploys the bot, in English
            // like the dotnet CLI around it; nothing of it reaches the chat.
            // Metrics/Cli is `import-metrics`, a terminal tool like `package` (its report comes from the resources).
            // Metrics/Csv holds the column names and date formats of Meta's, LinkedIn's and X's exports: matched against
            // files, never shown (its problems are MetricProblem values, worded in the resources).
            .Where(path => !IsUnder(path, product, "bin", "obj", "Localization", "AppPackage", Path.Combine("Persistence", "Migrations"), Path.Combine("Metrics", "Cli"), Path.Combine("Metrics", "Csv")))
            .ToList();

        var offenders = sources
            .SelectMany(path => ProseLiterals(path).Select(literal => $"{Path.GetRelativePath(product, path)}: {literal}"))
            .ToList();

        Assert.True(sources.Count > 50, $"only {sources.Count} sources found under {product}");
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_finds_prose_in_replies_cards_and_interpolations()
    {
        const string code = """
            class C
            {
                void M(string name)
                {
                    Reply("Thanks, the post is saved.");
                    var card = new TextBlock { Text = $"Approved by {name} today" };
                    throw new InvalidOperationException("Not shown to anyone, only to developers.");
                }

                [LoggerMessage(Message = "Delivery failed for {Id}")]
                partial void Log(string id);
            }
            """;

        var found = ProseLiterals(CSharpSyntaxTree.ParseText(code));

        Assert.Equal(["Thanks, the post is saved.", "Approved by  today"], found);
    }

    private static IEnumerable<string> ProseLiterals(string path) => ProseLiterals(CSharpSyntaxTree.ParseText(File.ReadAllText(path)));

    private static List<string> ProseLiterals(SyntaxTree tree)
    {
        var root = tree.GetRoot();
        var literals = root.DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
            .Select(l => (Node: (SyntaxNode)l, Text: l.Token.ValueText));
        var interpolations = root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>()
            .Select(i => (Node: (SyntaxNode)i, Text: string.Concat(i.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText))));
        return [.. literals.Concat(interpolations)
            .Where(l => TwoWords().IsMatch(l.Text) && !NotShownToPeople.Contains(l.Text) && !ForDevelopersOnly(l.Node))
            .Select(l => l.Text)];
    }

    /// <summary>
    /// Log templates, exception messages, command definitions (their phrases are bilingual by construction), SQL (index filters too), options
    /// validation messages, health check and metric instrument descriptions (for whoever operates the bot, like the logs).
    /// </summary>
    private static bool ForDevelopersOnly(SyntaxNode node) => node.Ancestors().Any(ancestor => ancestor switch
    {
        AttributeSyntax => true,
        ThrowExpressionSyntax or ThrowStatementSyntax => true,
        // SQL built before it is run (the analyzer wants interpolated SQL out of ExecuteSqlRaw's argument list).
        VariableDeclaratorSyntax variable => variable.Identifier.ValueText == "sql",
        ObjectCreationExpressionSyntax creation => creation.Type.ToString() is var type
            && (type.EndsWith("Exception", StringComparison.Ordinal) || type == "CommandDefinition"),
        InvocationExpressionSyntax call => call.Expression.ToString() is var callee
            && (callee.EndsWith("ExecuteSqlRawAsync", StringComparison.Ordinal) || callee.EndsWith(".HasFilter", StringComparison.Ordinal)
                || callee.EndsWith(".Validate", StringComparison.Ordinal)
                || callee.StartsWith("HealthCheckResult.", StringComparison.Ordinal) || callee.StartsWith("meter.Create", StringComparison.Ordinal)),
        _ => false,
    });

    private static bool IsUnder(string path, string root, params string[] folders) =>
        folders.Any(folder => Path.GetRelativePath(root, path).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || Path.GetRelativePath(root, path).Contains(Path.DirectorySeparatorChar + folder + Path.DirectorySeparatorChar, StringComparison.Ordinal));

    [GeneratedRegex(@"\p{L}{2,}[,.!?:;…]?\s+\p{L}{2,}")]
    private static partial Regex TwoWords();
}
