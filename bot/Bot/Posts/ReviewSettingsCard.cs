using System.Globalization;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Posts;

/// <summary>A person a coordinator may put on a review level: someone with a reviewing role in the team.</summary>
public sealed record ReviewerChoice(string AadObjectId, string Name);

/// <summary>
/// The coordinator's form for the team's review policy: up to <see cref="MaxLevels"/> levels in sequence, up to
/// <see cref="MaxConditionalLevels"/> levels that tags or keywords add, and the checklist, one item per line. The form
/// is filled with the stored policy, so changing one thing is one edit; a refused save shows what was typed instead.
/// </summary>
public static class ReviewSettingsCard
{
    public const int MaxLevels = 3;
    public const int MaxConditionalLevels = 2;
    public const string LevelPrefix = "level";
    public const string ConditionalPrefix = "extra";
    public const string NameField = ".name";
    public const string RuleField = ".rule";
    public const string ReviewersField = ".reviewers";
    public const string OwnersField = ".owners";
    public const string TagsField = ".tags";
    public const string KeywordsField = ".keywords";
    public const string ChecklistInput = "checklist";

    private const int ChecklistMaxLength = ReviewSettingsForm.MaxChecklistItems * (ReviewSettingsForm.MaxChecklistItemLength + 1);

    // Tags and keywords have no input limit; far above what anyone types, low enough to keep the card small.
    private const int MaxEchoedListLength = 2000;

    /// <summary>The rule choices: any one, all, or N of the level's reviewers.</summary>
    public static readonly IReadOnlyList<string> RuleValues = ["any", "all", "2", "3", "4", "5"];

    /// <summary>The form filled with the stored policy.</summary>
    public static AdaptiveCard Create(ReviewPolicy policy, IReadOnlyList<ReviewerChoice> reviewers, string? notice = null, bool saved = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var values = ValuesOf(policy);
        return Render(id => values.GetValueOrDefault(id), reviewers, notice, saved);
    }

    /// <summary>
    /// A refused save: the form as the coordinator filled it in, with the reason, so fixing the one thing named is one
    /// edit. Card data is untrusted: only offered rules and the team's reviewers are echoed, texts within the inputs' bounds.
    /// </summary>
    public static AdaptiveCard Refused(Func<string, string?> typed, IReadOnlyList<ReviewerChoice> reviewers, string notice)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(reviewers);
        var known = reviewers.Select(r => r.AadObjectId).ToList();
        string? Echo(string id)
        {
            var value = typed(id);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            return id switch
            {
                _ when id.EndsWith(RuleField, StringComparison.Ordinal) => RuleValues.Contains(value) ? value : null,
                _ when id.EndsWith(OwnersField, StringComparison.Ordinal) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? "true" : "false",
                _ when id.EndsWith(ReviewersField, StringComparison.Ordinal) => string.Join(',', value
                    .Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(r => known.Contains(r, AadIds.Comparer))
                    .Distinct(AadIds.Comparer)),
                ChecklistInput => Bounded(value, ChecklistMaxLength),
                _ when id.EndsWith(NameField, StringComparison.Ordinal) => Bounded(value, 4 * ReviewSettingsForm.MaxLevelNameLength),
                _ => Bounded(value, MaxEchoedListLength),
            };
        }

        return Render(Echo, reviewers, notice, saved: false);
    }

    private static AdaptiveCard Render(Func<string, string?> value, IReadOnlyList<ReviewerChoice> reviewers, string? notice, bool saved)
    {
        List<AdaptiveElement> body =
        [
            new TextBlock(Texts.ReviewSettingsTitle) { Size = "Large", Weight = "Bolder" },
            new TextBlock(Texts.ReviewSettingsIntro) { IsSubtle = true },
        ];
        if (notice is not null)
        {
            body.Add(new TextBlock(notice) { Color = saved ? "Good" : "Attention" });
        }

        var people = reviewers.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).Select(r => new Choice(r.Name, r.AadObjectId)).ToList();
        for (var i = 0; i < MaxLevels; i++)
        {
            var id = LevelPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Add(new TextBlock(Texts.FormatReviewSettingsLevelHeading(i + 1)) { Weight = "Bolder", Separator = true });
            body.AddRange(LevelInputs(id, value, people, includeOwnersToggle: true));
        }

        for (var i = 0; i < MaxConditionalLevels; i++)
        {
            var id = ConditionalPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Add(new TextBlock(Texts.FormatReviewSettingsConditionalHeading(i + 1)) { Weight = "Bolder", Separator = true });
            body.AddRange(LevelInputs(id, value, people, includeOwnersToggle: false));
            body.Add(new InputText { Id = id + TagsField, Label = Texts.ReviewSettingsTags, Placeholder = Texts.ReviewSettingsTagsExample, Value = value(id + TagsField) });
            body.Add(new InputText { Id = id + KeywordsField, Label = Texts.ReviewSettingsKeywords, Placeholder = Texts.ReviewSettingsKeywordsExample, Value = value(id + KeywordsField) });
        }

        body.Add(new TextBlock(Texts.ChecklistHeading) { Weight = "Bolder", Separator = true });
        body.Add(new InputText
        {
            Id = ChecklistInput,
            Label = Texts.ReviewSettingsChecklist,
            IsMultiline = true,
            MaxLength = ChecklistMaxLength,
            Value = value(ChecklistInput),
        });
        body.Add(new ActionSet { Actions = [new ActionExecute { Title = Texts.ReviewSettingsSave, Verb = SaveReviewSettingsAction.Verb, Style = "positive" }] });
        return new AdaptiveCard { Body = body };
    }

    /// <summary>The stored policy as the form's input values, keyed by input id.</summary>
    private static Dictionary<string, string?> ValuesOf(ReviewPolicy policy)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Level(string id, ReviewLevel level)
        {
            // Shown in the reader's language (the default level is stored as "review"); saving maps it back.
            values[id + NameField] = PostDisplayNames.Level(level.Name);
            values[id + RuleField] = RuleValue(level.Rule);
            values[id + ReviewersField] = string.Join(',', level.Reviewers);
        }

        for (var i = 0; i < policy.Levels.Count && i < MaxLevels; i++)
        {
            var id = LevelPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
            Level(id, policy.Levels[i]);
            values[id + OwnersField] = policy.Levels[i].IncludesPostReviewers ? "true" : "false";
        }

        for (var i = 0; i < policy.ConditionalLevels.Count && i < MaxConditionalLevels; i++)
        {
            var id = ConditionalPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
            var conditional = policy.ConditionalLevels[i];
            Level(id, conditional.Level);
            values[id + TagsField] = Join(conditional.Tags);
            values[id + KeywordsField] = Join(conditional.Keywords);
        }

        values[ChecklistInput] = string.Join('\n', policy.Checklist.Items.Select(item => item.Text));
        return values;
    }

    private static IEnumerable<AdaptiveElement> LevelInputs(string id, Func<string, string?> value, List<Choice> people, bool includeOwnersToggle)
    {
        yield return new InputText { Id = id + NameField, Label = Texts.ReviewSettingsLevelName, Value = value(id + NameField), MaxLength = ReviewSettingsForm.MaxLevelNameLength };
        yield return new InputChoiceSet
        {
            Id = id + RuleField,
            Label = Texts.ReviewSettingsRule,
            Style = "compact",
            Value = value(id + RuleField) ?? "any",
            Choices =
            [
                new Choice(Texts.ReviewSettingsRuleAny, "any"),
                new Choice(Texts.ReviewSettingsRuleAll, "all"),
                .. RuleValues.Skip(2).Select(n => new Choice(Texts.FormatReviewSettingsRuleNOfM(n), n)),
            ],
        };
        yield return new InputChoiceSet
        {
            Id = id + ReviewersField,
            Label = Texts.ReviewSettingsReviewers,
            Style = "compact",
            IsMultiSelect = true,
            Value = value(id + ReviewersField) is { Length: > 0 } picked ? picked : null,
            Choices = people,
        };
        if (includeOwnersToggle)
        {
            yield return new InputToggle
            {
                Id = id + OwnersField,
                Title = Texts.ReviewSettingsOwners,
                Value = value(id + OwnersField) == "true" ? "true" : "false",
                Wrap = true,
            };
        }
    }

    private static string RuleValue(ApprovalRule rule) => rule.Kind switch
    {
        ApprovalRuleKind.Any => "any",
        ApprovalRuleKind.All => "all",
        _ => rule.Count.ToString(CultureInfo.InvariantCulture),
    };

    private static string? Join(IReadOnlyList<string>? values) => values is { Count: > 0 } ? string.Join(", ", values) : null;

    private static string Bounded(string value, int max) => value.Length <= max ? value : value[..max];
}
