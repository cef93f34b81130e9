using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;

namespace Bot.Tests.Posts;

/// <summary>The "Social Media" team of the tests: who is who, a fixed clock, and posts brought into each state.</summary>
internal static class TestTeam
{
    public const string Id = "19:social-media@thread.tacv2";
    public const string OtherId = "19:other-team@thread.tacv2";

    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static readonly Actor Author = new("aad-author", Id, TeamRole.Editor);
    public static readonly Actor Anna = new("aad-anna", Id, TeamRole.Reviewer);
    public static readonly Actor Ben = new("aad-ben", Id, TeamRole.Editor);
    public static readonly Actor Cleo = new("aad-cleo", Id, TeamRole.Reviewer);
    public static readonly Actor Manager = new("aad-manager", Id, TeamRole.Coordinator);
    public static readonly Actor Legal = new("aad-legal", Id, TeamRole.Reviewer);
    public static readonly Actor Coordinator = new("aad-coordinator", Id, TeamRole.Coordinator);
    public static readonly Actor Outsider = new("aad-outsider", Id, TeamRole.Editor);
    public static readonly Actor Viewer = new("aad-viewer", Id, TeamRole.Viewer);

    /// <summary>Anna's AAD id with a role in another team: what forged card data would look like.</summary>
    public static readonly Actor AnnaFromOtherTeam = new("aad-anna", OtherId, TeamRole.Coordinator);

    public static readonly ReviewChecklist Checklist = new(
    [
        new("facts-checked", "Fakten geprüft"),
        new("nothing-confidential", "Nichts Vertrauliches"),
        new("image-rights", "Bildrechte geklärt"),
    ]);

    public static readonly string[] AllConfirmed = ["facts-checked", "nothing-confidential", "image-rights"];

    public static PostContent Content(params string[] reviewers) => new(
        "Frühlingsaktion",
        "Der Frühling ist da: 20 % auf alles im Shop.",
        [new VariantContent(1, Platform.Facebook), new VariantContent(2, Platform.LinkedIn, "Frühling bei Contoso: 20 % auf alles.")],
        Tags: ["fruehling"],
        Department: Department.Sales,
        Links: ["https://contoso.de/fruehling"],
        MediaReferences: ["https://contoso.sharepoint.com/media/fruehling.jpg"],
        Reviewers: reviewers);

    public static PostContent DefaultContent => Content(Anna.AadObjectId);

    public static Post Draft(PostContent? content = null, Actor? author = null) => new(author ?? Author, content ?? DefaultContent, Now);

    public static Post InReview(ReviewPolicy? policy = null, PostContent? content = null, Actor? author = null)
    {
        var post = Draft(content, author);
        post.SubmitForReview(author ?? Author, policy ?? ReviewPolicy.Default, Now.AddMinutes(1)).ShouldSucceed();
        return post;
    }

    /// <summary>A post brought into <paramref name="status"/> the ordinary way, under the default policy with Anna reviewing.</summary>
    public static Post InState(PostStatus status)
    {
        var policy = ReviewPolicy.Default;
        var post = Draft();
        if (status == PostStatus.Draft)
        {
            return post;
        }

        if (status == PostStatus.Withdrawn)
        {
            post.Withdraw(Author, Now.AddMinutes(1)).ShouldSucceed();
            return post;
        }

        post.SubmitForReview(Author, policy, Now.AddMinutes(1)).ShouldSucceed();
        switch (status)
        {
            case PostStatus.InReview:
                return post;
            case PostStatus.ChangesRequested:
                post.RequestChanges(Anna, post.CurrentRevision, policy, "Bitte Preis prüfen.", Now.AddMinutes(2)).ShouldSucceed();
                return post;
            case PostStatus.Rejected:
                post.Reject(Anna, post.CurrentRevision, policy, "Passt nicht zur Marke.", Now.AddMinutes(2)).ShouldSucceed();
                return post;
        }

        post.Approve(Anna, post.CurrentRevision, policy, [], Now.AddMinutes(2)).ShouldSucceed();
        if (status == PostStatus.Approved)
        {
            return post;
        }

        post.Schedule(Author, Now.AddDays(1), Now.AddMinutes(3)).ShouldSucceed();
        if (status == PostStatus.Scheduled)
        {
            return post;
        }

        foreach (var variant in post.Variants.ToList())
        {
            post.MarkPublished(Author, variant.SocialChannelId, $"https://social.example/{variant.SocialChannelId}", Now.AddDays(1)).ShouldSucceed();
        }

        Assert.Equal(PostStatus.Published, post.Status);
        return post;
    }

    public static PostActionResult ShouldSucceed(this PostActionResult result)
    {
        Assert.True(result.Succeeded, $"Expected success, was refused: {result.Refusal}");
        return result;
    }

    public static PostActionResult ShouldBeRefused(this PostActionResult result, PostRefusalReason reason)
    {
        Assert.False(result.Succeeded, $"Expected refusal {reason}, but the action succeeded.");
        Assert.Equal(reason, result.Refusal);
        return result;
    }
}
