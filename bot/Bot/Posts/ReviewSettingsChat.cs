using System.Globalization;
using System.Text;
using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Protocol.Builder;
using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Posts;

public sealed record ReviewSettingsCommand : ChatCommand;

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
            var name = Clean(input(prefix + ReviewSettingsCard.NameField));
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
        foreach (var character in ChatCommandParser.Normalize(text))
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

/// <summary>
/// <c>review settings</c> / <c>freigabe-einstellungen</c>: the coordinator's form for the review policy, and saving it.
/// Only coordinators see the form or save it; the server checks the role on save again, since anyone can send card data.
/// </summary>
public sealed partial class ReviewSettingsChat(
    TeamDirectory teams,
    ReviewSettingsStore settings,
    BotDbContext database,
    TimeProvider timeProvider,
    ILogger<ReviewSettingsChat> logger)
{
    public async Task ShowAsync(ITurnContext turn, Team? activityTeam, BotTexts texts, CancellationToken cancellationToken)
    {
        var acting = await teams.ActorAsync(turn.Activity, activityTeam, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            await turn.SendActivityAsync(refusal, cancellationToken);
            return;
        }

        var (team, actor, _) = acting!;

        var card = ReviewSettingsCard.Create(texts, await settings.PolicyOfAsync(team.TeamId, cancellationToken), await ReviewersAsync(team.TeamId, cancellationToken));
        await turn.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment()), cancellationToken);
    }

    public async Task<AdaptiveCard> SaveAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var texts = request.Texts;
        var acting = await teams.ActorAsync(request.Turn.Activity, request.Team, cancellationToken);
        if (TeamDirectory.RefusalForCoordinatorCommand(acting, texts) is { } refusal)
        {
            if (acting is not null)
            {
                LogRefused(logger, acting.Team.TeamId, acting.AadObjectId);
            }

            return PostCards.Notice(refusal);
        }

        var (team, actor, _) = acting!;

        var current = await settings.PolicyOfAsync(team.TeamId, cancellationToken);
        var reviewers = await ReviewersAsync(team.TeamId, cancellationToken);
        var (policy, problem) = ReviewSettingsForm.Parse(request.Input, [.. reviewers.Select(r => r.AadObjectId)], current.Checklist);
        if (policy is null)
        {
            return ReviewSettingsCard.Create(texts, current, reviewers, ProblemText(texts, problem!));
        }

        await settings.SetPolicyAsync(team.TeamId, policy, actor, cancellationToken);
        database.TeamAudit.Add(new TeamAuditEntry
        {
            TeamId = team.TeamId,
            At = timeProvider.GetUtcNow(),
            ActorAadObjectId = actor,
            Action = "ReviewSettingsChanged",
            Details = $"levels={policy.Levels.Count} extraLevels={policy.ConditionalLevels.Count} checklistItems={policy.Checklist.Items.Count}",
        });
        await database.SaveChangesAsync(cancellationToken);
        LogSaved(logger, team.TeamId, actor, policy.Levels.Count, policy.ConditionalLevels.Count, policy.Checklist.Items.Count);
        var summary = texts.ReviewSettingsSaved(policy.Levels.Count, policy.ConditionalLevels.Count, policy.Checklist.Items.Count);
        return ReviewSettingsCard.Create(texts, policy, reviewers, summary, saved: true);
    }

    /// <summary>Everyone who may approve in this team: a reviewing role from the stored memberships, or a configured coordinator.</summary>
    private async Task<IReadOnlyList<ReviewerChoice>> ReviewersAsync(string teamId, CancellationToken cancellationToken)
    {
        var reviewing = new[] { TeamRole.Reviewer, TeamRole.Editor, TeamRole.Coordinator };
        var members = await database.TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == teamId && reviewing.Contains(m.Role))
            .Select(m => m.AadObjectId)
            .ToListAsync(cancellationToken);
        var ids = members.Concat(await teams.CoordinatorsAsync(teamId, cancellationToken)).Distinct(AadIds.Comparer).ToList();
        var names = await database.People.AsNoTracking().Where(p => ids.Contains(p.AadObjectId)).ToDictionaryAsync(p => p.AadObjectId, p => p.Name, cancellationToken);
        return [.. ids.Select(id => new ReviewerChoice(id, names.GetValueOrDefault(id) ?? id))];
    }

    private static string ProblemText(BotTexts texts, ReviewSettingsProblem problem) => problem.Kind switch
    {
        ReviewSettingsProblemKind.NoLevel => texts.ReviewSettingsNoLevel,
        ReviewSettingsProblemKind.LevelNeedsReviewers => texts.ReviewSettingsLevelNeedsReviewers(problem.Level!),
        ReviewSettingsProblemKind.NotEnoughReviewersForRule => texts.ReviewSettingsNotEnoughReviewers(problem.Level!, problem.Count),
        ReviewSettingsProblemKind.DuplicateLevelName => texts.ReviewSettingsDuplicateLevel(problem.Level!),
        ReviewSettingsProblemKind.ExtraLevelNeedsTagOrKeyword => texts.ReviewSettingsExtraNeedsCondition(problem.Level!),
        ReviewSettingsProblemKind.ExtraLevelNeedsName => texts.ReviewSettingsExtraNeedsName(problem.Level!),
        ReviewSettingsProblemKind.UnknownReviewer => texts.ReviewSettingsUnknownReviewer(problem.Level!),
        ReviewSettingsProblemKind.InvalidTag => texts.ReviewSettingsInvalidTag(problem.Level!),
        ReviewSettingsProblemKind.TooManyChecklistItems => texts.ReviewSettingsTooManyItems(problem.Count),
        ReviewSettingsProblemKind.ChecklistItemTooLong => texts.ReviewSettingsItemTooLong(problem.Count),
        _ => texts.ReviewSettingsInvalidRule(problem.Level!),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Review settings of team {TeamId} saved by {ActorAadObjectId}: {Levels} levels, {ExtraLevels} extra levels, {ChecklistItems} checklist items")]
    private static partial void LogSaved(ILogger logger, string teamId, string actorAadObjectId, int levels, int extraLevels, int checklistItems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review settings of team {TeamId}: save by {ActorAadObjectId} refused, not a coordinator")]
    private static partial void LogRefused(ILogger logger, string teamId, string actorAadObjectId);
}
