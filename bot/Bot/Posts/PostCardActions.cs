using Bot.Protocol.AdaptiveCards;
using Bot.Turns;

namespace Bot.Posts;

/// <summary>The draft form's "Create draft".</summary>
public sealed class CreatePostAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.CreatePost;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => posts.CreateAsync(request, cancellationToken);
}

/// <summary>The draft card's "Submit for review": the post goes in review and its approval card to the team's channel.</summary>
public sealed class SubmitPostAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.SubmitPost;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => posts.SubmitAsync(request, cancellationToken);
}

/// <summary>The draft card's "Save changes": new working title or base text.</summary>
public sealed class EditPostAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.EditPost;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => posts.EditAsync(request, cancellationToken);
}

public sealed class ApprovePostAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.ApprovePost;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        posts.DecideAsync(request, ReviewVerdict.Approved, cancellationToken);
}

public sealed class RequestChangesAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.RequestChanges;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        posts.DecideAsync(request, ReviewVerdict.ChangesRequested, cancellationToken);
}

public sealed class RejectPostAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.RejectPost;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) =>
        posts.DecideAsync(request, ReviewVerdict.Rejected, cancellationToken);
}

/// <summary>The review settings form's "Save": only a coordinator's save counts.</summary>
public sealed class SaveReviewSettingsAction(ReviewSettingsChat settings) : ICardAction
{
    public string Verb => CardVerbs.SaveReviewSettings;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => settings.SaveAsync(request, cancellationToken);
}

/// <summary>The approval card's <c>refresh</c>: each reviewer's own view with the buttons.</summary>
public sealed class RefreshPostCardAction(PostChat posts) : ICardAction
{
    public string Verb => CardVerbs.RefreshPost;

    public Task<AdaptiveCard> ExecuteAsync(CardActionRequest request, CancellationToken cancellationToken) => posts.RefreshAsync(request, cancellationToken);
}
