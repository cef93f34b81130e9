using Bot.Localization;
using Bot.Persistence;
using Bot.Protocol.AdaptiveCards;
using Bot.Staffing;
using Bot.Teams;
using Bot.Turns;
using Microsoft.EntityFrameworkCore;

namespace Bot.Posts;

public sealed record ReviewSettingsCommand : ChatCommand;

/// <summary><c>review settings</c> / <c>freigabe-einstellungen</c>: the coordinator's form for the team's review policy.</summary>
public sealed class ReviewSettingsHandler(ReviewSettingsStore settings, ReviewerChoices reviewers) : ICommandHandler<ReviewSettingsCommand>
{
    public static CommandDefinition Command { get; } =
        new CommandDefinition("review-settings", "review settings", "freigabe-einstellungen", () => Texts.CommandReviewSettingsDescription, CommandDefinition.TeamScopes, "", "", _ => new ReviewSettingsCommand())
        {
            Order = 190,
            ShowInMenu = false,
            Aliases = ["review policy", "freigabeeinstellungen", "freigabe einstellungen", "freigaberegeln"],
            Requires = ActorRequirement.Coordinator,
        }.Route<ReviewSettingsCommand, ReviewSettingsHandler>();

    public async Task HandleAsync(ReviewSettingsCommand command, CommandTurn turn, CancellationToken cancellationToken)
    {
        var teamId = turn.Actor.Team.TeamId;
        var card = ReviewSettingsCard.Create(await settings.PolicyOfAsync(teamId, cancellationToken), await reviewers.ForTeamAsync(teamId, cancellationToken));
        await turn.ReplyAsync(card, cancellationToken);
    }
}

/// <summary>
/// The review settings form's "Save". Only a coordinator's save counts, checked again here since anyone can send card
/// data; the form's values are untrusted and read by <see cref="ReviewSettingsForm"/>.
/// </summary>
/// <remarks>
/// The route asks only for a team member so that this action sees who was refused: a refused save is logged with the
/// team and the person, which <see cref="ICardAction.Refused"/> does not get. The refusal texts are the router's own.
/// </remarks>
[CardAction(Verb)]
public sealed partial class SaveReviewSettingsAction(
    ReviewSettingsStore settings,
    ReviewerChoices reviewerChoices,
    BotDbContext database,
    TimeProvider timeProvider,
    ILogger<SaveReviewSettingsAction> logger) : ICardAction
{
    public const string Verb = "settings.review.save";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor) = (request.Actor.Team, request.Actor.AadObjectId);
        if (TurnActors.Refusal(ActorRequirement.Coordinator, request.Actor) is { } refusal)
        {
            LogRefused(logger, team.TeamId, actor);
            return PostCards.Notice(refusal);
        }

        var current = await settings.PolicyOfAsync(team.TeamId, cancellationToken);
        var reviewers = await reviewerChoices.ForTeamAsync(team.TeamId, cancellationToken);
        var (policy, problem) = ReviewSettingsForm.Parse(request.Input, [.. reviewers.Select(r => r.AadObjectId)], current.Checklist);
        if (policy is null)
        {
            return ReviewSettingsCard.Refused(request.Input, reviewers, ProblemText(problem!));
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
        var summary = Texts.FormatReviewSettingsSaved(
            PostDisplayNames.Count(policy.Levels.Count, Texts.ReviewSettingsOneLevel, n => Texts.FormatReviewSettingsLevels(n)),
            PostDisplayNames.Count(policy.ConditionalLevels.Count, Texts.ReviewSettingsOneExtraLevel, n => Texts.FormatReviewSettingsExtraLevels(n)),
            PostDisplayNames.Count(policy.Checklist.Items.Count, Texts.ReviewSettingsOneChecklistItem, n => Texts.FormatReviewSettingsChecklistItems(n)));
        return ReviewSettingsCard.Create(policy, reviewers, summary, saved: true);
    }

    private static string ProblemText(ReviewSettingsProblem problem) => problem.Kind switch
    {
        ReviewSettingsProblemKind.NoLevel => Texts.ReviewSettingsNoLevel,
        ReviewSettingsProblemKind.LevelNeedsReviewers => Texts.FormatReviewSettingsLevelNeedsReviewers(problem.Level!),
        ReviewSettingsProblemKind.NotEnoughReviewersForRule => Texts.FormatReviewSettingsNotEnoughReviewers(problem.Level!, problem.Count),
        ReviewSettingsProblemKind.DuplicateLevelName => Texts.FormatReviewSettingsDuplicateLevel(problem.Level!),
        ReviewSettingsProblemKind.ExtraLevelNeedsTagOrKeyword => Texts.FormatReviewSettingsExtraNeedsCondition(problem.Level!),
        ReviewSettingsProblemKind.ExtraLevelNeedsName => Texts.FormatReviewSettingsExtraNeedsName(problem.Level!),
        ReviewSettingsProblemKind.UnknownReviewer => Texts.FormatReviewSettingsUnknownReviewer(problem.Level!),
        ReviewSettingsProblemKind.InvalidTag => Texts.FormatReviewSettingsInvalidTag(problem.Level!),
        ReviewSettingsProblemKind.TooManyChecklistItems => Texts.FormatReviewSettingsTooManyItems(problem.Count),
        ReviewSettingsProblemKind.ChecklistItemTooLong => Texts.FormatReviewSettingsItemTooLong(problem.Count),
        _ => Texts.FormatReviewSettingsInvalidRule(problem.Level!),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Review settings of team {TeamId} saved by {ActorAadObjectId}: {Levels} levels, {ExtraLevels} extra levels, {ChecklistItems} checklist items")]
    private static partial void LogSaved(ILogger logger, string teamId, string actorAadObjectId, int levels, int extraLevels, int checklistItems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Review settings of team {TeamId}: save by {ActorAadObjectId} refused, not a coordinator")]
    private static partial void LogRefused(ILogger logger, string teamId, string actorAadObjectId);
}

/// <summary>Everyone who may approve in a team: a reviewing role from the stored memberships, or a configured coordinator.</summary>
public sealed class ReviewerChoices(TeamDirectory teams, BotDbContext database)
{
    public async Task<IReadOnlyList<ReviewerChoice>> ForTeamAsync(string teamId, CancellationToken cancellationToken)
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
}
