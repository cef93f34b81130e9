using System.Globalization;
using Bot.Localization;
using Bot.Posts;
using Bot.Protocol.AdaptiveCards;
using Bot.Teams;
using Bot.Turns;

namespace Bot.Reminders;

/// <summary>
/// The due-now card's "Mark published": records the live URL for one social channel, by the same rule as the typed
/// <c>published</c> command. Card data is untrusted: the post and the social channel are checked again here.
/// </summary>
[CardAction(Verb)]
public sealed class MarkPublishedAction(PostWorkflow workflow) : ICardAction
{
    public const string Verb = "post.markPublished";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out var postId)
            || !int.TryParse(request.Input(ReminderCards.SocialChannelData), NumberStyles.None, CultureInfo.InvariantCulture, out var socialChannelId))
        {
            return NoticeCard.Create(Texts.RefusalNotFound);
        }

        var result = await workflow.MarkPublishedAsync(request.Actor.Team.TeamId, postId, request.Actor.AadObjectId, socialChannelId, request.Input(ReminderCards.LiveUrlInput) ?? string.Empty, cancellationToken);
        if (result.Post is null)
        {
            return NoticeCard.Create(Texts.RefusalNotFound);
        }

        if (!result.Succeeded)
        {
            return NoticeCard.Create(ReminderRefusals.Text(result));
        }

        var platform = result.Post.Variants.First(v => v.SocialChannelId == socialChannelId).Platform;
        return NoticeCard.Create(Texts.FormatPostPublishedRecorded(Staffing.PlatformNames.Display(platform), PostCards.StatusName(result.Post.Status)));
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => ReminderRefusals.NotFound(request);
}

/// <summary>The missed-slot card's "Move to this time": a new date and time in the team's zone, in the future.</summary>
[CardAction(Verb)]
public sealed class MoveSlotAction(PostWorkflow workflow, PostConversation conversation, TimeProvider timeProvider) : ICardAction
{
    public const string Verb = "post.moveSlot";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor, _) = request.Actor;
        if (!Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out var postId))
        {
            return NoticeCard.Create(Texts.RefusalNotFound);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var current = await workflow.FindAsync(team.TeamId, postId, actor, cancellationToken);
        if (current.Post is not { } post)
        {
            return NoticeCard.Create(Texts.RefusalNotFound);
        }

        var now = timeProvider.GetUtcNow();
        AdaptiveCard Again(string notice) => ReminderCards.MissedSlot(
            post, PostWorkflow.ShortId(post.Id), post.PlannedPublishAt is { } at ? PostCards.Instant(at, zone) : Texts.PostNotPlanned, zone, now, notice);
        if (!TryReadLocalTime(request.Input(ReminderCards.NewDateInput), request.Input(ReminderCards.NewTimeInput), zone, out var publishAt))
        {
            return Again(Texts.DraftProblemInvalidTime);
        }

        if (publishAt <= now)
        {
            return Again(Texts.DraftProblemTimeInPast);
        }

        var result = await conversation.MoveSlotAsync(team, postId, actor, publishAt, request.Turn.Activity.ServiceUrl, cancellationToken);
        if (result.Post is null)
        {
            return NoticeCard.Create(Texts.RefusalNotFound);
        }

        return result.Succeeded
            ? NoticeCard.Create(Texts.FormatSlotMoved(result.Post.WorkingTitle, PostCards.Instant(publishAt, zone)))
            : Again(ReminderRefusals.Text(result));
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => ReminderRefusals.NotFound(request);

    /// <summary>Date and time in the team's zone; a time that does not exist there (the DST gap) is invalid.</summary>
    internal static bool TryReadLocalTime(string? date, string? time, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return false;
        }

        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        instant = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }
}

/// <summary>The missed-slot card's "Withdraw": only the author withdraws (the post's own rule).</summary>
[CardAction(Verb)]
public sealed class WithdrawAfterMissedSlotAction(PostWorkflow workflow) : ICardAction
{
    public const string Verb = "post.withdrawMissed";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(request.Input(PostCards.PostIdData), "D", out var postId))
        {
            return NoticeCard.Create(Texts.RefusalNotFound);
        }

        var result = await workflow.WithdrawAsync(request.Actor.Team.TeamId, postId, request.Actor.AadObjectId, cancellationToken);
        return result.Post is null
            ? NoticeCard.Create(Texts.RefusalNotFound)
            : NoticeCard.Create(result.Succeeded ? Texts.FormatPostWithdrawn(result.Post.WorkingTitle) : ReminderRefusals.Text(result));
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => ReminderRefusals.NotFound(request);
}

/// <summary>The settings form's "Save": coordinators only, every field checked here whatever the form allowed.</summary>
[CardAction(Verb, Requires = ActorRequirement.Coordinator)]
public sealed partial class SaveReminderSettingsAction(
    ReminderSettingsStore settingsStore,
    IEnumerable<ITeamTimeZoneObserver> timeZoneObservers,
    ILogger<SaveReminderSettingsAction> logger) : ICardAction
{
    public const string Verb = "reminders.saveSettings";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor, _) = request.Actor;
        var stored = await settingsStore.SettingsOfAsync(team.TeamId, cancellationToken);
        var (settings, timeZoneId, problem) = ReminderSettingsForm.Read(request, stored, team.TimeZoneId);
        if (problem is not null)
        {
            return ReminderCards.Settings(stored, team.TimeZoneId, problem);
        }

        await settingsStore.SaveAsync(team, settings, timeZoneId, actor, cancellationToken);
        LogSettingsSaved(logger, team.TeamId, actor);

        foreach (var observer in timeZoneObservers)
        {
            await observer.OnTimeZoneSavedAsync(team.TeamId, timeZoneId, cancellationToken);
        }

        return ReminderCards.Settings(settings, timeZoneId, Texts.SettingsSaved);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder settings of team {TeamId} saved by {ActorAadObjectId}")]
    private static partial void LogSettingsSaved(ILogger logger, string teamId, string actorAadObjectId);
}

/// <summary>What the reminder cards' post buttons answer when the post workflow refuses.</summary>
internal static class ReminderRefusals
{
    /// <summary>
    /// A reminder card's post button pressed where no team is settled answers "not found", as it always has: the
    /// button names a post, and without the team there is no such post for this person.
    /// </summary>
    public static AdaptiveCard NotFound(CardActionRequest request) => NoticeCard.Create(Texts.RefusalNotFound);

    public static string Text(PostWorkflowResult result) => result.Refusal switch
    {
        PostRefusalReason.NotAuthor => Texts.RefusalNotAuthor,
        PostRefusalReason.RoleNotAllowed => Texts.FormatRefusalRoleNotAllowed(DisplayNames.Role(result.ActorRole ?? TeamRole.Viewer)),
        PostRefusalReason.WrongState => Texts.FormatRefusalWrongState(PostCards.StatusName(result.Post!.Status)),
        PostRefusalReason.PublishTimeInPast => Texts.DraftProblemTimeInPast,
        PostRefusalReason.NothingChanged => Texts.RefusalNothingChanged,
        PostRefusalReason.InvalidLiveUrl => Texts.RefusalInvalidLiveUrl,
        PostRefusalReason.AlreadyPublished => Texts.RefusalAlreadyPublished,
        PostRefusalReason.AlreadyLive => Texts.RefusalAlreadyLive,
        PostRefusalReason.UnknownSocialChannel => Texts.RefusalUnknownSocialChannel,
        _ => Texts.RefusalOther,
    };
}
