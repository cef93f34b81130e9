using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;
using Bot.Tests.Posts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Persistence;

/// <summary>The post aggregate on a real SQLite file: what is saved comes back, and a stale save fails.</summary>
public sealed class PostPersistenceTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-posts-{Guid.NewGuid():N}.db");

    public PostPersistenceTests()
    {
        using var db = NewContext();
        db.Database.EnsureCreated();
        db.Teams.Add(new Team { TeamId = Id, Name = "Social Media", CreatedAt = Now });
        db.SocialChannels.AddRange(
            new SocialChannel { Id = 1, TeamId = Id, Platform = Platform.Facebook, Handle = "Contoso", CreatedAt = Now },
            new SocialChannel { Id = 2, TeamId = Id, Platform = Platform.LinkedIn, Handle = "contoso-gmbh", CreatedAt = Now },
            new SocialChannel { Id = 3, TeamId = Id, Platform = Platform.X, Handle = "@contoso_de", CreatedAt = Now });
        db.SaveChanges();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public void A_post_with_its_whole_history_comes_back_as_it_was_saved()
    {
        var policy = new ReviewPolicy([ReviewLevel.OneOfThePostsReviewers], checklist: Checklist);
        var post = new Post(Author, Content(Anna.AadObjectId, Ben.AadObjectId) with { Tags = ["fruehling", "sensitive"] }, Now, Now.AddDays(5));
        post.SubmitForReview(Author, policy, Now.AddMinutes(1)).ShouldSucceed();
        post.RequestChanges(Ben, 1, policy, "Bitte mit Preis.", Now.AddMinutes(2)).ShouldSucceed();
        post.AddComment(Author, "Preis ergänzt.", Now.AddMinutes(3)).ShouldSucceed();
        post.Edit(Author, Content(Anna.AadObjectId, Ben.AadObjectId) with
        {
            BaseText = "Der Frühling ist da: 20 % auf alles, nur 9,99 €.",
            Variants = [new VariantContent(1, Platform.Facebook), new VariantContent(3, Platform.X, "20 % auf alles 😀")],
        }, policy, Now.AddMinutes(4)).ShouldSucceed();
        post.SubmitForReview(Author, policy, Now.AddMinutes(5)).ShouldSucceed();
        post.Approve(Anna, 2, policy, AllConfirmed, Now.AddMinutes(6), "Passt.").ShouldSucceed();
        post.Schedule(Author, Now.AddDays(2), Now.AddMinutes(7)).ShouldSucceed();
        post.MarkPublished(Author, 3, "https://x.com/contoso_de/status/1", Now.AddDays(2)).ShouldSucceed();
        Save(post);

        using var db = NewContext();
        var loaded = db.Posts.Single(p => p.Id == post.Id);

        Assert.Equal(
            (post.TeamId, post.AuthorAadObjectId, post.WorkingTitle, post.BaseText, post.Department, post.Status, post.CurrentRevision, post.PlannedPublishAt, post.CreatedAt, post.UpdatedAt, post.Version),
            (loaded.TeamId, loaded.AuthorAadObjectId, loaded.WorkingTitle, loaded.BaseText, loaded.Department, loaded.Status, loaded.CurrentRevision, loaded.PlannedPublishAt, loaded.CreatedAt, loaded.UpdatedAt, loaded.Version));
        Assert.Equal(post.Tags, loaded.Tags);
        Assert.Equal(post.Links, loaded.Links);
        Assert.Equal(post.MediaReferences, loaded.MediaReferences);
        Assert.Equal(post.Reviewers, loaded.Reviewers);
        Assert.Equal(Variants(post), Variants(loaded));
        Assert.Equal(Revisions(post), Revisions(loaded));
        Assert.Equal(Decisions(post), Decisions(loaded));
        Assert.Equal(post.Comments.Select(c => (c.Sequence, c.AuthorAadObjectId, c.Revision, c.Text, c.CreatedAt)), loaded.Comments.Select(c => (c.Sequence, c.AuthorAadObjectId, c.Revision, c.Text, c.CreatedAt)));
        Assert.Equal(Audit(post), Audit(loaded));
        Assert.Equal(AllConfirmed, loaded.Decisions.Single(d => d.Verdict == ReviewVerdict.Approved).ConfirmedChecklistItems);
    }

    [Fact]
    public void A_loaded_post_keeps_working_with_its_rules()
    {
        var post = InReview();
        Save(post);

        using (var db = NewContext())
        {
            var loaded = db.Posts.Single(p => p.Id == post.Id);
            loaded.Approve(Author, 1, ReviewPolicy.Default, [], Now).ShouldBeRefused(PostRefusalReason.AuthorCannotReview);
            loaded.Approve(Anna, 1, ReviewPolicy.Default, [], Now.AddMinutes(5)).ShouldSucceed();
            db.SaveChanges();
        }

        using var again = NewContext();
        var reloaded = again.Posts.Single(p => p.Id == post.Id);
        Assert.Equal(PostStatus.Approved, reloaded.Status);
        var late = reloaded.Approve(Ben, 1, ReviewPolicy.Default, [], Now.AddMinutes(6));
        late.ShouldBeRefused(PostRefusalReason.AlreadyDecided);
        Assert.Equal(Anna.AadObjectId, late.EarlierDecision!.ReviewerAadObjectId);
    }

    [Fact]
    public void Of_two_simultaneous_decisions_the_second_save_fails_and_its_retry_is_told_who_was_first()
    {
        var post = InReview(content: Content(Anna.AadObjectId, Ben.AadObjectId));
        Save(post);

        using var first = NewContext();
        using var second = NewContext();
        var seenByAnna = first.Posts.Single(p => p.Id == post.Id);
        var seenByBen = second.Posts.Single(p => p.Id == post.Id);
        seenByAnna.Approve(Anna, 1, ReviewPolicy.Default, [], Now.AddMinutes(5)).ShouldSucceed();
        seenByBen.Reject(Ben, 1, ReviewPolicy.Default, "Zu werblich.", Now.AddMinutes(5)).ShouldSucceed();

        first.SaveChanges();
        Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());

        using var retry = NewContext();
        var current = retry.Posts.Single(p => p.Id == post.Id);
        var answer = current.Reject(Ben, 1, ReviewPolicy.Default, "Zu werblich.", Now.AddMinutes(6));
        answer.ShouldBeRefused(PostRefusalReason.AlreadyDecided);
        Assert.Equal((Anna.AadObjectId, ReviewVerdict.Approved), (answer.EarlierDecision!.ReviewerAadObjectId, answer.EarlierDecision.Verdict));
        Assert.Equal(PostStatus.Approved, current.Status);
        Assert.Single(current.Decisions);
        Assert.DoesNotContain(current.AuditTrail, entry => entry.Action == AuditAction.Rejected);
    }

    [Fact]
    public void A_stale_comment_cannot_overwrite_a_newer_save_either()
    {
        var post = InReview();
        Save(post);

        using var first = NewContext();
        using var second = NewContext();
        first.Posts.Single(p => p.Id == post.Id).Withdraw(Author, Now.AddMinutes(5)).ShouldSucceed();
        second.Posts.Single(p => p.Id == post.Id).AddComment(Anna, "Sieht gut aus", Now.AddMinutes(5)).ShouldSucceed();

        first.SaveChanges();

        Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());
    }

    [Fact]
    public void The_audit_trail_cannot_be_rewritten_through_the_context()
    {
        var post = InReview();
        Save(post);

        using var db = NewContext();
        var loaded = db.Posts.Single(p => p.Id == post.Id);
        db.Entry(loaded.AuditTrail[0]).Property(e => e.Comment).CurrentValue = "nachträglich";

        var refused = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_with_history_cannot_be_deleted_with_it()
    {
        var post = InReview();
        Save(post);

        using var db = NewContext();
        db.Posts.Remove(db.Posts.Single(p => p.Id == post.Id));

        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }

    [Fact]
    public void Due_posts_can_be_found_and_ordered_by_planned_time_in_the_database()
    {
        var later = Draft();
        later.Reschedule(Author, Now.AddDays(3), Now).ShouldSucceed();
        var sooner = Draft();
        sooner.Reschedule(Author, Now.AddDays(1), Now).ShouldSucceed();
        var unplanned = Draft();
        Save(later, sooner, unplanned);

        using var db = NewContext();
        var due = db.Posts
            .Where(p => p.PlannedPublishAt != null && p.PlannedPublishAt <= Now.AddDays(4))
            .OrderBy(p => p.PlannedPublishAt)
            .Select(p => p.Id)
            .ToList();

        Assert.Equal([sooner.Id, later.Id], due);
    }

    [Fact]
    public void Posts_can_be_found_by_tag_in_the_database()
    {
        var sensitive = Draft(DefaultContent with { Tags = ["sensitive"] });
        Save(sensitive, Draft());

        using var db = NewContext();

        Assert.Equal([sensitive.Id], db.Posts.Where(p => p.Tags.Contains("sensitive")).Select(p => p.Id).ToList());
    }

    private SqliteBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file};Pooling=False").Options);

    private void Save(params Post[] posts)
    {
        using var db = NewContext();
        db.Posts.AddRange(posts);
        db.SaveChanges();
    }

    private static IEnumerable<object> Variants(Post post) =>
        post.Variants.OrderBy(v => v.SocialChannelId).Select(v => (object)(v.SocialChannelId, v.Platform, v.Text, v.FollowsBaseText, v.LiveUrl, v.PublishedAt, v.PublishedBy));

    private static IEnumerable<object> Revisions(Post post) =>
        post.Revisions.OrderBy(r => r.Number).Select(r => (object)(r.Number, r.CreatedAt, r.CreatedBy, string.Join("|", r.Texts.OrderBy(t => t.SocialChannelId).Select(t => $"{t.SocialChannelId}:{t.Platform}:{t.Text}"))));

    private static IEnumerable<object> Decisions(Post post) =>
        post.Decisions.Select(d => (object)(d.Sequence, d.ReviewerAadObjectId, d.Revision, d.Verdict, d.Comment, d.DecidedAt, d.LevelName, string.Join(",", d.ConfirmedChecklistItems)));

    private static IEnumerable<object> Audit(Post post) =>
        post.AuditTrail.Select(e => (object)(e.Sequence, e.At, e.ActorAadObjectId, e.Revision, e.Action, e.Status, e.Comment, e.Details));
}
