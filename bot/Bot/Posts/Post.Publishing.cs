using System.Globalization;

namespace Bot.Posts;

// After the review: planning the publish time and recording each variant going live.
public sealed partial class Post
{
    public PostActionResult Schedule(Actor actor, DateTimeOffset publishAt, DateTimeOffset now)
    {
        if (RefuseUnlessWriter(actor) is { } refused)
        {
            return refused;
        }

        if (Status != PostStatus.Approved)
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (publishAt <= now)
        {
            return Refuse(PostRefusalReason.PublishTimeInPast);
        }

        PlannedPublishAt = publishAt.ToUniversalTime();
        Status = PostStatus.Scheduled;
        return Done(actor, AuditAction.Scheduled, now, details: $"at: {FormatInstant(PlannedPublishAt.Value)}");
    }

    /// <summary>Sets a new planned time in any state before the end; a time is not content, so no new review.</summary>
    public PostActionResult Reschedule(Actor actor, DateTimeOffset publishAt, DateTimeOffset now)
    {
        if (RefuseUnlessWriter(actor) is { } refused)
        {
            return refused;
        }

        if (Status.IsFinal())
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (publishAt <= now)
        {
            return Refuse(PostRefusalReason.PublishTimeInPast);
        }

        if (PlannedPublishAt == publishAt)
        {
            return Refuse(PostRefusalReason.NothingChanged);
        }

        var before = PlannedPublishAt;
        PlannedPublishAt = publishAt.ToUniversalTime();
        var details = $"at: {FormatInstant(PlannedPublishAt.Value)}" + (before is { } was ? $"\nwas: {FormatInstant(was)}" : string.Empty);
        return Done(actor, AuditAction.Rescheduled, now, details: details);
    }

    /// <summary>
    /// Records that the variant for <paramref name="socialChannelId"/> is live at <paramref name="liveUrl"/>. The post
    /// is Published when every variant is. Editors and coordinators may record any variant; so may whoever looks after
    /// its social channel (<paramref name="lookingAfter"/>, from <c>ResponsibilityRouting.LookingAfter</c>), whatever
    /// their role: they are the ones the "time to publish" nudge asks.
    /// </summary>
    public PostActionResult MarkPublished(Actor actor, int socialChannelId, string liveUrl, DateTimeOffset now, IReadOnlyCollection<string>? lookingAfter = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var looksAfterIt = InTeam(actor) && (lookingAfter ?? []).Contains(actor.AadObjectId, AadIds.Comparer);
        if (!looksAfterIt && RefuseUnlessWriter(actor) is { } refused)
        {
            return refused;
        }

        if (Status == PostStatus.Published)
        {
            return Refuse(PostRefusalReason.AlreadyPublished);
        }

        if (Status is not (PostStatus.Approved or PostStatus.Scheduled))
        {
            return Refuse(PostRefusalReason.WrongState);
        }

        if (_variants.FirstOrDefault(v => v.SocialChannelId == socialChannelId) is not { } variant)
        {
            return Refuse(PostRefusalReason.UnknownSocialChannel);
        }

        if (variant.IsLive)
        {
            return Refuse(PostRefusalReason.AlreadyPublished);
        }

        if (!PostContent.IsWebAddress(liveUrl))
        {
            return Refuse(PostRefusalReason.InvalidLiveUrl);
        }

        var at = now.ToUniversalTime();
        variant.MarkLive(liveUrl.Trim(), actor.AadObjectId, at);
        Audit(actor, AuditAction.VariantPublished, at, details: $"socialChannel={socialChannelId} url={variant.LiveUrl}");
        if (_variants.All(v => v.IsLive))
        {
            Status = PostStatus.Published;
            Audit(actor, AuditAction.Published, at);
        }

        Touch(at);
        return PostActionResult.Done(this);
    }

    private static string FormatInstant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
