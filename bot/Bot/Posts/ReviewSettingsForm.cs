using Bot.Localization;
using System.Globalization;
using System.Text;

namespace Bot.Posts;

/// <summary>What is wrong with a submitted review settings form; <see cref="ReviewSettingsProblem.Level"/> names the level.</summary>
public enum ReviewSettingsProblemKind
{
    NoLevel,
    LevelNeedsReviewers,
    NotEnoughReviewersForRule,
    DuplicateLevelName,
    ExtraLevelNeedsTagOrKeyword,
    ExtraLevelNeedsName,
    UnknownReviewer,
    InvalidRule,
    InvalidTag,
    TooManyChecklistItems,
    ChecklistItemTooLong,
}

public sealed record ReviewSettingsProblem(ReviewSettingsProblemKind Kind, string? Level = null, int Count = 0);

/// <summary>
/// Reads the review settings form into a <see cref="ReviewPolicy"/>. Every value is untrusted: reviewers must be the
/// team's people with a reviewing role, rules one of the offered values, and whatever the policy's constructor would
/// refuse is refused here first with a reason the coordinator can act on.
/// </summary>
public static class ReviewSettingsForm
{
    public const int MaxChecklistItems = 10;
    public const int MaxChecklistItemLength = 200;
    public const int MaxLevelNameLength = 40;
    private const int MaxIdLength = 40;

    public static (ReviewPolicy? Policy, ReviewSettingsProblem? Problem) Parse(
        Func<string, string?> input,
        IReadOnlyCollection<string> allowedReviewers,
        ReviewChecklist current)
    {
        ArgumentNullException.ThrowIfNull(input);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var levels = new List<ReviewLevel>();
        for (var i = 1; i <= ReviewSettingsCard.MaxLevels; i++)
        {
            var prefix = ReviewSettingsCard.LevelPrefix + i.ToString(CultureInfo.InvariantCulture);
            var name = PostDisplayNames.LevelFromDisplay(Clean(input(prefix + ReviewSettingsCard.NameField)));
            if (name.Length == 0)
            {
                continue;
            }

            var owners = string.Equals(input(prefix + ReviewSettingsCard.OwnersField), "true", StringComparison.OrdinalIgnoreCase);
            var (level, problem) = Level(input, prefix, name, owners, allowedReviewers, names);
            if (problem is not null)
            {
                return (null, problem);
            }

            levels.Add(level!);
        }

        if (levels.Count == 0)
        {
            return (null, new(ReviewSettingsProblemKind.NoLevel));
        }

        var conditionals = new List<ConditionalLevel>();
        for (var i = 1; i <= ReviewSettingsCard.MaxConditionalLevels; i++)
        {
            var prefix = ReviewSettingsCard.ConditionalPrefix + i.ToString(CultureInfo.InvariantCulture);
            var name = Clean(input(prefix + ReviewSettingsCard.NameField));
            var tags = List(input(prefix + ReviewSettingsCard.TagsField));
            var keywords = List(input(prefix + ReviewSettingsCard.KeywordsField));
            var reviewers = List(input(prefix + ReviewSettingsCard.ReviewersField));
            if (name.Length == 0)
            {
                if (tags.Count > 0 || keywords.Count > 0 || reviewers.Count > 0)
                {
                    return (null, new(ReviewSettingsProblemKind.ExtraLevelNeedsName, i.ToString(CultureInfo.InvariantCulture)));
                }

                continue;
            }

            var (level, problem) = Level(input, prefix, name, includesOwners: false, allowedReviewers, names);
            if (problem is not null)
            {
                return (null, problem);
            }

            if (tags.Count == 0 && keywords.Count(k => k.Trim('*').Length > 0) == 0)
            {
                return (null, new(ReviewSettingsProblemKind.ExtraLevelNeedsTagOrKeyword, name));
            }

            if (tags.Any(tag => PostContent.NormalizeTag(tag) is not { Length: > 0 and <= PostContent.MaxTagLength } normalized || normalized.Any(char.IsWhiteSpace)))
            {
                return (null, new(ReviewSettingsProblemKind.InvalidTag, name));
            }

            conditionals.Add(new ConditionalLevel(level!, tags, keywords));
        }

        var (checklist, checklistProblem) = Checklist(input(ReviewSettingsCard.ChecklistInput), current);
        return checklistProblem is not null ? (null, checklistProblem) : (new ReviewPolicy(levels, conditionals, checklist), null);
    }

    private static (ReviewLevel? Level, ReviewSettingsProblem? Problem) Level(
        Func<string, string?> input,
        string prefix,
        string name,
        bool includesOwners,
        IReadOnlyCollection<string> allowedReviewers,
        HashSet<string> names)
    {
        if (!names.Add(name))
        {
            return (null, new(ReviewSettingsProblemKind.DuplicateLevelName, name));
        }

        var reviewers = List(input(prefix + ReviewSettingsCard.ReviewersField)).Distinct(AadIds.Comparer).ToList();
        if (reviewers.Any(r => !allowedReviewers.Contains(r, AadIds.Comparer)))
        {
            return (null, new(ReviewSettingsProblemKind.UnknownReviewer, name));
        }

        var ruleValue = input(prefix + ReviewSettingsCard.RuleField) ?? "any";
        ApprovalRule? rule = ruleValue switch
        {
            "any" => ApprovalRule.Any,
            "all" => ApprovalRule.All,
            _ when ReviewSettingsCard.RuleValues.Contains(ruleValue) => ApprovalRule.NOfM(int.Parse(ruleValue, CultureInfo.InvariantCulture)),
            _ => null,
        };
        if (rule is null)
        {
            return (null, new(ReviewSettingsProblemKind.InvalidRule, name));
        }

        if (!includesOwners && reviewers.Count == 0)
        {
            return (null, new(ReviewSettingsProblemKind.LevelNeedsReviewers, name));
        }

        if (!includesOwners && rule.Kind == ApprovalRuleKind.NOfM && rule.Count > reviewers.Count)
        {
            return (null, new(ReviewSettingsProblemKind.NotEnoughReviewersForRule, name, rule.Count));
        }

        return (new ReviewLevel(name, rule, reviewers, includesOwners), null);
    }

    /// <summary>
    /// One item per line. An item whose text is unchanged keeps its id, so confirmations given before stay readable in
    /// the audit trail; a new text gets an id made from its words.
    /// </summary>
    private static (ReviewChecklist? Checklist, ReviewSettingsProblem? Problem) Checklist(string? text, ReviewChecklist current)
    {
        var lines = (text ?? string.Empty).Split('\n').Select(line => line.Trim().TrimStart('-', '*', '•').Trim()).Where(line => line.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (lines.Count > MaxChecklistItems)
        {
            return (null, new(ReviewSettingsProblemKind.TooManyChecklistItems, Count: MaxChecklistItems));
        }

        if (lines.Any(line => line.Length > MaxChecklistItemLength))
        {
            return (null, new(ReviewSettingsProblemKind.ChecklistItemTooLong, Count: MaxChecklistItemLength));
        }

        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<ChecklistItem>();
        foreach (var line in lines)
        {
            var id = current.Items.FirstOrDefault(item => string.Equals(item.Text, line, StringComparison.OrdinalIgnoreCase))?.Id ?? Slug(line);
            var unique = id;
            for (var n = 2; !ids.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            items.Add(new ChecklistItem(unique, line));
        }

        return (new ReviewChecklist(items), null);
    }

    private static string Slug(string text)
    {
        var slug = new StringBuilder();
        foreach (var character in TextFolding.Fold(text))
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                slug.Append(character);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var id = slug.ToString().Trim('-');
        id = id.Length > MaxIdLength ? id[..MaxIdLength].TrimEnd('-') : id;
        return id.Length == 0 ? "item" : id;
    }

    private static string Clean(string? value) => (value ?? string.Empty).Trim() is var trimmed && trimmed.Length > MaxLevelNameLength ? trimmed[..MaxLevelNameLength] : trimmed;

    private static List<string> List(string? value) =>
        [.. (value ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
