using Bot.Hosting;
using Bot.Persistence;
using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Bot.Tests.Posts.TestTeam;

namespace Bot.Tests.Posts;

/// <summary>The workflow on a real, migrated SQLite file: team boundary, stored roles, stored policy, concurrent clicks.</summary>
public sealed class PostWorkflowTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-workflow-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _clock = new(Now);

    public PostWorkflowTests()
    {
        using var db = NewContext();
        db.Database.Migrate();
        db.Teams.AddRange(new Team { TeamId = Id, Name = "Social Media", CreatedAt = Now }, new Team { TeamId = OtherId, Name = "Other", CreatedAt = Now });
        db.SocialChannels.AddRange(
            new SocialChannel { Id = 1, TeamId = Id, Platform = Platform.Facebook, Handle = "Contoso", CreatedAt = Now },
            new SocialChannel { Id = 2, TeamId = Id, Platform = Platform.LinkedIn, Handle = "contoso-gmbh", CreatedAt = Now },
            new SocialChannel { Id = 9, TeamId = OtherId, Platform = Platform.X, Handle = "@other", CreatedAt = Now });
        db.TeamMemberships.AddRange(
            new TeamMembership { TeamId = Id, AadObjectId = Author.AadObjectId, Role = TeamRole.Editor, Since = Now },
            new TeamMembership { TeamId = Id, AadObjectId = Anna.AadObjectId, Role = TeamRole.Reviewer, Since = Now },
            new TeamMembership { TeamId = Id, AadObjectId = Ben.AadObjectId, Role = TeamRole.Editor, Since = Now },
            new TeamMembership { TeamId = Id, AadObjectId = Coordinator.AadObjectId, Role = TeamRole.Coordinator, Since = Now },
            new TeamMembership { TeamId = OtherId, AadObjectId = Anna.AadObjectId, Role = TeamRole.Coordinator, Since = Now });
        db.Assignments.AddRange(
            new SocialChannelAssignment { TeamId = Id, SocialChannelId = 1, AadObjectId = Anna.AadObjectId, Kind = AssignmentKind.Owner, Since = Now },
            new SocialChannelAssignment { TeamId = Id, SocialChannelId = 2, AadObjectId = Author.AadObjectId, Kind = AssignmentKind.Owner, Since = Now },
            new SocialChannelAssignment { TeamId = Id, SocialChannelId = 2, AadObjectId = Ben.AadObjectId, Kind = AssignmentKind.Backup, Since = Now });
        db.SaveChanges();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task A_team_without_stored_settings_reviews_under_the_default_policy()
    {
        using var db = NewContext();

        var policy = await new ReviewSettingsStore(db, _clock).PolicyOfAsync(Id, default);

        Assert.Same(ReviewPolicy.Default, policy);
    }

    [Fact]
    public async Task A_stored_policy_with_levels_conditions_and_checklist_comes_back_as_it_was_set()
    {
        var policy = new ReviewPolicy(
            [ReviewLevel.OneOfThePostsReviewers, new ReviewLevel("manager", ApprovalRule.NOfM(2), [Ben.AadObjectId, Coordinator.AadObjectId, Anna.AadObjectId])],
            [new ConditionalLevel(new ReviewLevel("legal", ApprovalRule.All, [Legal.AadObjectId]), tags: ["sensitive"], keywords: ["preis*"])],
            Checklist);
        using (var db = NewContext())
        {
            await new ReviewSettingsStore(db, _clock).SetPolicyAsync(Id, policy, Coordinator.AadObjectId, default);
        }

        using var again = NewContext();
        var loaded = await new ReviewSettingsStore(again, _clock).PolicyOfAsync(Id, default);

        Assert.Equal(ReviewPolicyJson.Serialize(policy), ReviewPolicyJson.Serialize(loaded));
        Assert.Equal(["review", "manager"], loaded.Levels.Select(l => l.Name));
        Assert.Equal(2, loaded.Levels[1].Rule.Count);
        Assert.Equal(["sensitive"], loaded.ConditionalLevels.Single().Tags);
        Assert.Equal(Checklist.Items, loaded.Checklist.Items);
        Assert.Same(ReviewPolicy.Default, await new ReviewSettingsStore(again, _clock).PolicyOfAsync(OtherId, default));
    }

    [Fact]
    public async Task Reviewers_are_the_people_responsible_for_the_social_channels_but_never_the_author()
    {
        var draft = await CreateDraftAsync([1, 2]);

        // Anna owns Facebook; the author owns LinkedIn, so its backup Ben reviews it.
        Assert.True(draft.Succeeded);
        Assert.Equal([Anna.AadObjectId, Ben.AadObjectId], draft.Post!.Reviewers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_social_channel_of_another_team_is_refused_on_the_draft()
    {
        var draft = await CreateDraftAsync([1, 9]);

        Assert.Null(draft.Post);
        Assert.Equal([ContentProblem.InvalidSocialChannel], draft.ContentProblems);
        using var db = NewContext();
        Assert.Empty(db.Posts);
    }

    [Fact]
    public async Task The_author_approving_their_own_post_is_refused_and_nothing_changes()
    {
        var postId = await InReviewAsync();

        var result = await Act(w => w.ApproveAsync(Id, postId, Author.AadObjectId, 1, [], null, default));

        Assert.Equal(PostRefusalReason.AuthorCannotReview, result.Refusal);
        using var db = NewContext();
        var post = db.Posts.Single();
        Assert.Equal(PostStatus.InReview, post.Status);
        Assert.Empty(post.Decisions);
    }

    [Fact]
    public async Task A_post_id_from_another_team_is_not_found_even_for_a_coordinator_there()
    {
        var postId = await InReviewAsync();

        // Anna is a coordinator in the other team and a reviewer of this post: acting from the other team must not reach it.
        var result = await Act(w => w.ApproveAsync(OtherId, postId, Anna.AadObjectId, 1, [], null, default));

        Assert.True(result.NotFound);
        using var db = NewContext();
        Assert.Empty(db.Posts.Single().Decisions);
    }

    [Fact]
    public async Task The_role_comes_from_the_stored_membership()
    {
        var postId = await InReviewAsync();
        using (var db = NewContext())
        {
            db.TeamMemberships.Single(m => m.TeamId == Id && m.AadObjectId == Anna.AadObjectId).Role = TeamRole.Viewer;
            db.SaveChanges();
        }

        // A comment needs a writing or reviewing role (approving needs being named, issue 18).
        var result = await Act(w => w.CommentAsync(Id, postId, Anna.AadObjectId, "Passt.", default));

        Assert.Equal((PostRefusalReason.RoleNotAllowed, TeamRole.Viewer), (result.Refusal, result.ActorRole));
    }

    [Fact]
    public async Task Concurrent_approvals_make_exactly_one_transition_and_the_others_hear_who_decided()
    {
        var postId = await InReviewAsync();
        var approvers = new[] { Anna, Ben, Anna, Ben, Anna, Ben, Anna, Ben };

        var results = await Task.WhenAll(approvers.Select(reviewer =>
            Task.Run(() => Act(w => w.ApproveAsync(Id, postId, reviewer.AadObjectId, 1, [], null, default)))));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Refusal, new PostRefusalReason?[] { PostRefusalReason.AlreadyDecided, PostRefusalReason.WrongState }));
        using var db = NewContext();
        var post = db.Posts.Single();
        Assert.Equal(PostStatus.Approved, post.Status);
        Assert.Single(post.Decisions);
        Assert.Single(post.AuditTrail, e => e.Action == AuditAction.Approved);
    }

    private async Task<PostWorkflowResult> CreateDraftAsync(IReadOnlyList<int> channels) => await Act(w => w.CreateDraftAsync(
        new Team { TeamId = Id, CreatedAt = Now },
        Author.AadObjectId,
        new DraftRequest("Frühlingsaktion", "Der Frühling ist da.", channels, Now.AddDays(2), "fruehling"),
        default));

    private async Task<Guid> InReviewAsync()
    {
        var draft = await CreateDraftAsync([1, 2]);
        var submitted = await Act(w => w.SubmitAsync(Id, draft.Post!.Id, Author.AadObjectId, default));
        Assert.True(submitted.Succeeded);
        return draft.Post!.Id;
    }

    private async Task<PostWorkflowResult> Act(Func<PostWorkflow, Task<PostWorkflowResult>> action)
    {
        using var db = NewContext();
        var teams = new TeamDirectory(db, _clock, Options.Create(new BotOptions { DisplayName = "Bot" }));
        return await action(new PostWorkflow(db, teams, new ReviewSettingsStore(db, _clock), _clock, NullLogger<PostWorkflow>.Instance));
    }

    private SqliteBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file};Pooling=False").Options);
}
