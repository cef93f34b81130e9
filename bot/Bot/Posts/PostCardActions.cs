using System.Globalization;
using System.Text.Json;
using Bot.Localization;
using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Posts;

/// <summary>
/// The draft form's "Create draft": card data is untrusted, so a refused form comes back with a notice for what is wrong
/// and everything the author typed still in it.
/// </summary>
[CardAction(Verb)]
public sealed class CreatePostAction(PostWorkflow workflow, PostConversation conversation) : ICardAction
{
    public const string Verb = "post.create";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor) = (request.Actor.Team, request.Actor.AadObjectId);
        var channels = await conversation.SocialChannelsAsync(team.TeamId, cancellationToken);
        var zone = PostConversation.Zone(team);
        AdaptiveCard Form(string notice) => PostCards.DraftForm(channels, zone, notice, DraftFormValues.From(request.Input, channels));

        var ids = new List<int>();
        foreach (var part in (request.Input(PostCards.SocialChannelsInput) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return Form(Texts.DraftProblemInvalidSocialChannel);
            }

            ids.Add(id);
        }

        if (!TryReadPlannedTime(request, zone, out var planned))
        {
            return Form(Texts.DraftProblemInvalidTime);
        }

        var result = await workflow.CreateDraftAsync(
            team,
            actor,
            new DraftRequest(request.Input(PostCards.TitleInput) ?? string.Empty, request.Input(PostCards.TextInput) ?? string.Empty, ids, planned, request.Input(PostCards.TagInput)),
            cancellationToken);
        if (result.Post is null)
        {
            return Form(result.Refusal switch
            {
                // The role settled for this turn: the same stored role the workflow just refused.
                PostRefusalReason.RoleNotAllowed => TurnActors.NotAllowed(ActorRequirement.Writer, request.Actor.Role),
                PostRefusalReason.PublishTimeInPast => Texts.DraftProblemTimeInPast,
                _ => PostConversation.ContentProblemText(result.ContentProblems?.FirstOrDefault()),
            });
        }

        return PostCards.Draft(await conversation.ViewAsync(result.Post, team, cancellationToken));
    }

    /// <summary>Date and time in the team's zone, both or neither; a time that does not exist there (DST gap) is invalid.</summary>
    private static bool TryReadPlannedTime(CardActionRequest request, TimeZoneInfo zone, out DateTimeOffset? planned)
    {
        planned = null;
        var date = request.Input(PostCards.DateInput);
        var time = request.Input(PostCards.TimeInput);
        if (string.IsNullOrWhiteSpace(date) && string.IsNullOrWhiteSpace(time))
        {
            return true;
        }

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

        planned = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }
}

/// <summary>The draft card's "Submit for review": the post goes in review and its approval card to the team's channel.</summary>
[CardAction(Verb)]
public sealed class SubmitPostAction(PostWorkflow workflow, PostConversation conversation) : ICardAction
{
    public const string Verb = "post.submit";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor) = (request.Actor.Team, request.Actor.AadObjectId);
        if (!PostConversation.TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        conversation.ShowInTeamChannelWithChange(team, request.Turn.Activity.ServiceUrl!, onlyIfPosted: false);
        var result = await workflow.SubmitAsync(team.TeamId, postId, actor, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        var view = await conversation.ViewAsync(result.Post, team, cancellationToken);
        if (!result.Succeeded)
        {
            return PostCards.Draft(view, PostConversation.RefusalText(result, view));
        }

        return PostCards.Draft(view, Texts.SubmittedForReview, success: true);
    }

    // A card outside any team is answered as a post that is not there, as for a post of another team.
    public AdaptiveCard Refused(CardActionRequest request, string refusal) => PostCards.Notice(Texts.RefusalNotFound);
}

/// <summary>The draft card's "Save changes": a new title or text; under review the post gets a new revision and the shared card follows.</summary>
[CardAction(Verb)]
public sealed class EditPostAction(PostWorkflow workflow, PostConversation conversation) : ICardAction
{
    public const string Verb = "post.edit";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor) = (request.Actor.Team, request.Actor.AadObjectId);
        if (!PostConversation.TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        conversation.ShowInTeamChannelWithChange(team, request.Turn.Activity.ServiceUrl!, onlyIfPosted: true);
        var result = await workflow.EditAsync(
            team.TeamId, postId, actor, request.Input(PostCards.TitleInput) ?? string.Empty, request.Input(PostCards.TextInput) ?? string.Empty, VariantTexts(request), cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        var view = await conversation.ViewAsync(result.Post, team, cancellationToken);
        if (!result.Succeeded)
        {
            var notice = result.Refusal == PostRefusalReason.InvalidContent
                ? PostConversation.ContentProblemText(result.Action?.ContentProblems.FirstOrDefault())
                : PostConversation.RefusalText(result, view);
            return PostCards.Draft(view, notice);
        }

        return PostCards.Draft(view, Texts.PostSaved, success: true);
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => PostCards.Notice(Texts.RefusalNotFound);

    /// <summary>The per-channel texts the card sent, by social channel id; whatever else the data holds is ignored.</summary>
    private static Dictionary<int, string> VariantTexts(CardActionRequest request)
    {
        var variantTexts = new Dictionary<int, string>();
        if (request.Data is { ValueKind: JsonValueKind.Object } data)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Name.StartsWith(PostCards.VariantInputPrefix, StringComparison.Ordinal)
                    && int.TryParse(property.Name.AsSpan(PostCards.VariantInputPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var socialChannelId)
                    && property.Value.ValueKind == JsonValueKind.String)
                {
                    variantTexts[socialChannelId] = property.Value.GetString()!;
                }
            }
        }

        return variantTexts;
    }
}

/// <summary>
/// A reviewer's verdict from the approval card. The three buttons differ only in the verdict, so they share this; the
/// workflow and the post decide whether the clicker may give it on the revision they saw.
/// </summary>
public abstract class ReviewVerdictAction(PostWorkflow workflow, PostConversation conversation, ReviewVerdict verdict) : ICardAction
{
    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor) = (request.Actor.Team, request.Actor.AadObjectId);
        if (!PostConversation.TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        // An unreadable revision counts as revision 0, which the post refuses as stale: the clicker then gets the
        // current card, never a decision on a text they did not see.
        var revision = PostConversation.RevisionOf(request);
        var comment = request.Input(PostCards.CommentInput);
        var serviceUrl = request.Turn.Activity.ServiceUrl!;
        conversation.ShowInTeamChannelWithChange(team, serviceUrl, onlyIfPosted: false);
        conversation.TellAuthorWithChange(team, actor, verdict, comment, request.Turn.Activity.Recipient!, serviceUrl);
        var result = verdict switch
        {
            ReviewVerdict.Approved => await workflow.ApproveAsync(
                team.TeamId, postId, actor, revision, await ConfirmedChecklistItemsAsync(request, team.TeamId, cancellationToken), comment, cancellationToken),
            ReviewVerdict.ChangesRequested => await workflow.RequestChangesAsync(team.TeamId, postId, actor, revision, comment ?? string.Empty, cancellationToken),
            _ => await workflow.RejectAsync(team.TeamId, postId, actor, revision, comment ?? string.Empty, cancellationToken),
        };
        if (result.Post is null)
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        var view = await conversation.ViewAsync(result.Post, team, cancellationToken) with { Viewer = actor };
        if (!result.Succeeded)
        {
            // Teams sometimes redelivers a click under a new activity id: the same person's same verdict on the same
            // revision is already on record, so the repeat just gets the current card, as the first click did.
            var repeat = result.Post.Decisions.Any(d => d.Revision == revision && d.Verdict == verdict && PostConversation.AadIdsEqual(d.ReviewerAadObjectId, actor));
            return PostCards.Review(view, view.CanDecide(actor), repeat ? null : PostConversation.RefusalText(result, view));
        }

        return PostCards.Review(view, view.CanDecide(actor));
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => PostCards.Notice(Texts.RefusalNotFound);

    private async Task<IReadOnlyList<string>> ConfirmedChecklistItemsAsync(CardActionRequest request, string teamId, CancellationToken cancellationToken)
    {
        var policy = await workflow.PolicyOfAsync(teamId, cancellationToken);
        return [.. policy.Checklist.Items
            .Where(item => string.Equals(request.Input(PostCards.ChecklistInputPrefix + item.Id), "true", StringComparison.OrdinalIgnoreCase))
            .Select(item => item.Id)];
    }
}

[CardAction(Verb)]
public sealed class ApprovePostAction(PostWorkflow workflow, PostConversation conversation) : ReviewVerdictAction(workflow, conversation, ReviewVerdict.Approved)
{
    public const string Verb = "post.approve";
}

[CardAction(Verb)]
public sealed class RequestChangesAction(PostWorkflow workflow, PostConversation conversation) : ReviewVerdictAction(workflow, conversation, ReviewVerdict.ChangesRequested)
{
    public const string Verb = "post.requestChanges";
}

[CardAction(Verb)]
public sealed class RejectPostAction(PostWorkflow workflow, PostConversation conversation) : ReviewVerdictAction(workflow, conversation, ReviewVerdict.Rejected)
{
    public const string Verb = "post.reject";
}

/// <summary>The approval card's <c>refresh</c>: Teams asks for the card a user should see; reviewers get the buttons, everyone else the state.</summary>
[CardAction(Verb)]
public sealed class RefreshPostCardAction(PostWorkflow workflow, PostConversation conversation) : ICardAction
{
    public const string Verb = "post.refresh";

    public async Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken)
    {
        var (team, actor) = (request.Actor.Team, request.Actor.AadObjectId);
        if (!PostConversation.TryReadPostId(request, out var postId))
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        var result = await workflow.FindAsync(team.TeamId, postId, actor, cancellationToken);
        if (result.Post is null)
        {
            return PostCards.Notice(Texts.RefusalNotFound);
        }

        var view = await conversation.ViewAsync(result.Post, team, cancellationToken) with { Viewer = actor };
        return PostCards.Review(view, view.CanDecide(actor));
    }

    public AdaptiveCard Refused(CardActionRequest request, string refusal) => PostCards.Notice(Texts.RefusalNotFound);
}
