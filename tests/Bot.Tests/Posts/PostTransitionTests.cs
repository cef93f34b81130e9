using Bot.Posts;
using static Bot.Posts.PostRefusalReason;
using static Bot.Tests.Posts.TestTeam;
using S = Bot.Posts.PostStatus;

namespace Bot.Tests.Posts;

public enum PostAction
{
    Submit,
    Edit,
    Approve,
    RequestChanges,
    Reject,
    Withdraw,
    Schedule,
    Reschedule,
    PublishAll,
    Comment,
}

/// <summary>Every action in every state, by the person who would normally do it: the state machine as a table.</summary>
public sealed class PostTransitionTests
{
    public static TheoryData<PostStatus, PostAction, PostStatus?, PostRefusalReason?> Table => new()
    {
        { S.Draft, PostAction.Submit, S.InReview, null },
        { S.Draft, PostAction.Edit, S.Draft, null },
        { S.Draft, PostAction.Approve, null, WrongState },
        { S.Draft, PostAction.RequestChanges, null, WrongState },
        { S.Draft, PostAction.Reject, null, WrongState },
        { S.Draft, PostAction.Withdraw, S.Withdrawn, null },
        { S.Draft, PostAction.Schedule, null, WrongState },
        { S.Draft, PostAction.Reschedule, S.Draft, null },
        { S.Draft, PostAction.PublishAll, null, WrongState },
        { S.Draft, PostAction.Comment, S.Draft, null },

        { S.InReview, PostAction.Submit, null, WrongState },
        { S.InReview, PostAction.Edit, S.InReview, null },
        { S.InReview, PostAction.Approve, S.Approved, null },
        { S.InReview, PostAction.RequestChanges, S.ChangesRequested, null },
        { S.InReview, PostAction.Reject, S.Rejected, null },
        { S.InReview, PostAction.Withdraw, S.Withdrawn, null },
        { S.InReview, PostAction.Schedule, null, WrongState },
        { S.InReview, PostAction.Reschedule, S.InReview, null },
        { S.InReview, PostAction.PublishAll, null, WrongState },
        { S.InReview, PostAction.Comment, S.InReview, null },

        { S.ChangesRequested, PostAction.Submit, S.InReview, null },
        { S.ChangesRequested, PostAction.Edit, S.ChangesRequested, null },
        { S.ChangesRequested, PostAction.Approve, null, AlreadyDecided },
        { S.ChangesRequested, PostAction.RequestChanges, null, AlreadyDecided },
        { S.ChangesRequested, PostAction.Reject, null, AlreadyDecided },
        { S.ChangesRequested, PostAction.Withdraw, S.Withdrawn, null },
        { S.ChangesRequested, PostAction.Schedule, null, WrongState },
        { S.ChangesRequested, PostAction.Reschedule, S.ChangesRequested, null },
        { S.ChangesRequested, PostAction.PublishAll, null, WrongState },
        { S.ChangesRequested, PostAction.Comment, S.ChangesRequested, null },

        { S.Approved, PostAction.Submit, null, WrongState },
        { S.Approved, PostAction.Edit, S.InReview, null },
        { S.Approved, PostAction.Approve, null, AlreadyDecided },
        { S.Approved, PostAction.RequestChanges, null, AlreadyDecided },
        { S.Approved, PostAction.Reject, null, AlreadyDecided },
        { S.Approved, PostAction.Withdraw, S.Withdrawn, null },
        { S.Approved, PostAction.Schedule, S.Scheduled, null },
        { S.Approved, PostAction.Reschedule, S.Approved, null },
        { S.Approved, PostAction.PublishAll, S.Published, null },
        { S.Approved, PostAction.Comment, S.Approved, null },

        { S.Scheduled, PostAction.Submit, null, WrongState },
        { S.Scheduled, PostAction.Edit, S.InReview, null },
        { S.Scheduled, PostAction.Approve, null, AlreadyDecided },
        { S.Scheduled, PostAction.RequestChanges, null, AlreadyDecided },
        { S.Scheduled, PostAction.Reject, null, AlreadyDecided },
        { S.Scheduled, PostAction.Withdraw, S.Withdrawn, null },
        { S.Scheduled, PostAction.Schedule, null, WrongState },
        { S.Scheduled, PostAction.Reschedule, S.Scheduled, null },
        { S.Scheduled, PostAction.PublishAll, S.Published, null },
        { S.Scheduled, PostAction.Comment, S.Scheduled, null },

        { S.Published, PostAction.Submit, null, WrongState },
        { S.Published, PostAction.Edit, null, WrongState },
        { S.Published, PostAction.Approve, null, AlreadyDecided },
        { S.Published, PostAction.RequestChanges, null, AlreadyDecided },
        { S.Published, PostAction.Reject, null, AlreadyDecided },
        { S.Published, PostAction.Withdraw, null, WrongState },
        { S.Published, PostAction.Schedule, null, WrongState },
        { S.Published, PostAction.Reschedule, null, WrongState },
        { S.Published, PostAction.PublishAll, null, AlreadyPublished },
        { S.Published, PostAction.Comment, S.Published, null },

        { S.Rejected, PostAction.Submit, null, WrongState },
        { S.Rejected, PostAction.Edit, null, WrongState },
        { S.Rejected, PostAction.Approve, null, AlreadyDecided },
        { S.Rejected, PostAction.RequestChanges, null, AlreadyDecided },
        { S.Rejected, PostAction.Reject, null, AlreadyDecided },
        { S.Rejected, PostAction.Withdraw, null, WrongState },
        { S.Rejected, PostAction.Schedule, null, WrongState },
        { S.Rejected, PostAction.Reschedule, null, WrongState },
        { S.Rejected, PostAction.PublishAll, null, WrongState },
        { S.Rejected, PostAction.Comment, S.Rejected, null },

        { S.Withdrawn, PostAction.Submit, null, WrongState },
        { S.Withdrawn, PostAction.Edit, null, WrongState },
        { S.Withdrawn, PostAction.Approve, null, WrongState },
        { S.Withdrawn, PostAction.RequestChanges, null, WrongState },
        { S.Withdrawn, PostAction.Reject, null, WrongState },
        { S.Withdrawn, PostAction.Withdraw, null, WrongState },
        { S.Withdrawn, PostAction.Schedule, null, WrongState },
        { S.Withdrawn, PostAction.Reschedule, null, WrongState },
        { S.Withdrawn, PostAction.PublishAll, null, WrongState },
        { S.Withdrawn, PostAction.Comment, S.Withdrawn, null },
    };

    [Fact]
    public void The_table_covers_every_action_in_every_state()
    {
        var covered = Table.Select(row => ((PostStatus)row[0], (PostAction)row[1])).ToHashSet();

        Assert.Equal(Enum.GetValues<PostStatus>().Length * Enum.GetValues<PostAction>().Length, covered.Count);
        Assert.Equal(covered.Count, Table.Count());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_action_moves_the_post_or_is_refused_with_a_reason(PostStatus from, PostAction action, PostStatus? to, PostRefusalReason? refusal)
    {
        var post = InState(from);
        var version = post.Version;
        var audit = post.AuditTrail.Count;
        var revision = post.CurrentRevision;

        var result = Perform(post, action);

        if (to is { } expected)
        {
            result.ShouldSucceed();
            Assert.Equal(expected, post.Status);
            Assert.Equal(expected, result.Status);
            Assert.True(post.Version > version, "A successful action must change the concurrency token.");
            Assert.True(post.AuditTrail.Count > audit, "A successful action must be audited.");
            Assert.Equal(expected, post.AuditTrail[^1].Status);
        }
        else
        {
            result.ShouldBeRefused(refusal!.Value);
            Assert.Equal(from, post.Status);
            Assert.Equal(version, post.Version);
            Assert.Equal(audit, post.AuditTrail.Count);
            Assert.Equal(revision, post.CurrentRevision);
        }
    }

    [Theory]
    [InlineData(PostStatus.ChangesRequested, ReviewVerdict.ChangesRequested)]
    [InlineData(PostStatus.Rejected, ReviewVerdict.Rejected)]
    [InlineData(PostStatus.Approved, ReviewVerdict.Approved)]
    [InlineData(PostStatus.Scheduled, ReviewVerdict.Approved)]
    [InlineData(PostStatus.Published, ReviewVerdict.Approved)]
    public void A_decision_on_a_decided_revision_names_the_decision_that_came_first(PostStatus status, ReviewVerdict first)
    {
        var post = InState(status);

        var result = post.Approve(Ben, post.CurrentRevision, ReviewPolicy.Default, [], Now.AddHours(2));

        result.ShouldBeRefused(PostRefusalReason.AlreadyDecided);
        Assert.Equal(Anna.AadObjectId, result.EarlierDecision?.ReviewerAadObjectId);
        Assert.Equal(first, result.EarlierDecision?.Verdict);
    }

    internal static PostActionResult Perform(Post post, PostAction action)
    {
        var policy = ReviewPolicy.Default;
        var at = Now.AddHours(1);
        return action switch
        {
            PostAction.Submit => post.SubmitForReview(Author, policy, at),
            PostAction.Edit => post.Edit(Author, DefaultContent with { BaseText = "Der Frühling ist da: 25 % auf alles im Shop." }, policy, at),
            PostAction.Approve => post.Approve(Anna, post.CurrentRevision, policy, [], at),
            PostAction.RequestChanges => post.RequestChanges(Anna, post.CurrentRevision, policy, "Bitte kürzer.", at),
            PostAction.Reject => post.Reject(Anna, post.CurrentRevision, policy, "Nicht unsere Tonalität.", at),
            PostAction.Withdraw => post.Withdraw(Author, at),
            PostAction.Schedule => post.Schedule(Author, Now.AddDays(2), at),
            PostAction.Reschedule => post.Reschedule(Author, Now.AddDays(3), at),
            PostAction.PublishAll => PublishAll(post, at),
            PostAction.Comment => post.AddComment(Ben, "Gute Idee!", at),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    private static PostActionResult PublishAll(Post post, DateTimeOffset at)
    {
        PostActionResult? result = null;
        foreach (var variant in post.Variants.ToList())
        {
            result = post.MarkPublished(Author, variant.SocialChannelId, $"https://social.example/{variant.SocialChannelId}", at);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return result!;
    }
}
