using System.Globalization;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;

namespace Bot.Posts;

/// <summary>A person a coordinator may put on a review level: someone with a reviewing role in the team.</summary>
public sealed record ReviewerChoice(string AadObjectId, string Name);

/// <summary>
/// The coordinator's form for the team's review policy: up to <see cref="MaxLevels"/> levels in sequence, up to
/// <see cref="MaxConditionalLevels"/> levels that tags or keywords add, and the checklist, one item per line. The form
/// is filled with the stored policy, so changing one thing is one edit.
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

    /// <summary>The rule choices: any one, all, or N of the level's reviewers.</summary>
    public static readonly IReadOnlyList<string> RuleValues = ["any", "all", "2", "3", "4", "5"];

    public static AdaptiveCard Create(ReviewPolicy policy, IReadOnlyList<ReviewerChoice> reviewers, string? notice = null, bool saved = false)
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
            var level = i < policy.Levels.Count ? policy.Levels[i] : null;
            var id = LevelPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Add(new TextBlock(Texts.FormatReviewSettingsLevelHeading(i + 1)) { Weight = "Bolder", Separator = true });
            body.AddRange(LevelInputs(id, level, people, includeOwnersToggle: true));
        }

        for (var i = 0; i < MaxConditionalLevels; i++)
        {
            var conditional = i < policy.ConditionalLevels.Count ? policy.ConditionalLevels[i] : null;
            var id = ConditionalPrefix + (i + 1).ToString(CultureInfo.InvariantCulture);
            body.Add(new TextBlock(Texts.FormatReviewSettingsConditionalHeading(i + 1)) { Weight = "Bolder", Separator = true });
            body.AddRange(LevelInputs(id, conditional?.Level, people, includeOwnersToggle: false));
            body.Add(new InputText { Id = id + TagsField, Label = Texts.ReviewSettingsTags, Placeholder = Texts.ReviewSettingsTagsExample, Value = Join(conditional?.Tags) });
            body.Add(new InputText { Id = id + KeywordsField, Label = Texts.ReviewSettingsKeywords, Placeholder = Texts.ReviewSettingsKeywordsExample, Value = Join(conditional?.Keywords) });
        }

        body.Add(new TextBlock(Texts.ChecklistHeading) { Weight = "Bolder", Separator = true });
        body.Add(new InputText
        {
            Id = ChecklistInput,
            Label = Texts.ReviewSettingsChecklist,
            IsMultiline = true,
            MaxLength = ReviewSettingsForm.MaxChecklistItems * (ReviewSettingsForm.MaxChecklistItemLength + 1),
            Value = string.Join('\n', policy.Checklist.Items.Select(item => item.Text)),
        });
        body.Add(new ActionSet { Actions = [new ActionExecute { Title = Texts.ReviewSettingsSave, Verb = SaveReviewSettingsAction.Verb, Style = "positive" }] });
        return new AdaptiveCard { Body = body };
    }

    private static IEnumerable<AdaptiveElement> LevelInputs(string id, ReviewLevel? level, List<Choice> people, bool includeOwnersToggle)
    {
        yield return new InputText { Id = id + NameField, Label = Texts.ReviewSettingsLevelName, Value = level is null ? null : PostDisplayNames.Level(level.Name), MaxLength = ReviewSettingsForm.MaxLevelNameLength };
        yield return new InputChoiceSet
        {
            Id = id + RuleField,
            Label = Texts.ReviewSettingsRule,
            Style = "compact",
            Value = level is null ? "any" : RuleValue(level.Rule),
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
            Value = level is null ? null : string.Join(',', level.Reviewers),
            Choices = people,
        };
        if (includeOwnersToggle)
        {
            yield return new InputToggle
            {
                Id = id + OwnersField,
                Title = Texts.ReviewSettingsOwners,
                Value = level?.IncludesPostReviewers == true ? "true" : "false",
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
}
