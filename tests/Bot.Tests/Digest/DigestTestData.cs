using Bot.Digest;
using Bot.Metrics;
using Bot.Persistence;
using Bot.Posts;
using Bot.Reminders;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Digest;

/// <summary>
/// A migrated SQLite file with the "Social Media" team in Europe/Berlin, written row by row by the tests: social
/// channels, owners, goals, posts in each state and daily figures, as the metrics import would store them.
/// </summary>
internal sealed class DigestTestData : IDisposable
{
    public const string TeamId = "19:digest-team@thread.tacv2";
    public const string Zone = "Europe/Berlin";

    public static readonly Actor Author = new("aad-ben", TeamId, TeamRole.Editor);
    public static readonly Actor Reviewer = new("aad-anna", TeamId, TeamRole.Coordinator);

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bot-digest-{Guid.NewGuid():N}.db");

    public DigestTestData(DateTimeOffset now)
    {
        Clock = new FakeTimeProvider(now);
        using var db = NewContext();
        db.Database.Migrate();
        db.Teams.Add(new Team { TeamId = TeamId, Name = "Social Media", TimeZoneId = Zone, CreatedAt = now.AddYears(-1) });
        db.People.AddRange(
            new Person { AadObjectId = Author.AadObjectId, Name = "Ben Wagner", TeamsUserId = "29:ben" },
            new Person { AadObjectId = Reviewer.AadObjectId, Name = "Anna Schmidt", TeamsUserId = "29:anna" });
        db.TeamMemberships.AddRange(
            new TeamMembership { TeamId = TeamId, AadObjectId = Author.AadObjectId, Role = TeamRole.Editor },
            new TeamMembership { TeamId = TeamId, AadObjectId = Reviewer.AadObjectId, Role = TeamRole.Coordinator });
        db.SaveChanges();
    }

    public FakeTimeProvider Clock { get; }

    public SqliteBotDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite($"Data Source={_file};Pooling=False").Options);

    public DigestComposer Composer(BotDbContext db) =>
        new(db, new ReminderSettingsStore(db, Clock), new ReviewSettingsStore(db, Clock), Clock);

    public async Task<EngagementDigest> ComposeAsync(TeamDigestSettings? settings = null)
    {
        using var db = NewContext();
        var team = await db.Teams.AsNoTracking().SingleAsync();
        return await Composer(db).ComposeAsync(team, settings ?? new TeamDigestSettings { TeamId = TeamId }, default);
    }

    public int SocialChannel(Platform platform, string handle, string? ownerAadObjectId = null, int goal = 0)
    {
        using var db = NewContext();
        var channel = new SocialChannel { TeamId = TeamId, Platform = platform, Handle = handle, CreatedAt = Clock.GetUtcNow().AddYears(-1) };
        db.SocialChannels.Add(channel);
        db.SaveChanges();
        if (ownerAadObjectId is not null)
        {
            db.Assignments.Add(new SocialChannelAssignment { TeamId = TeamId, SocialChannelId = channel.Id, AadObjectId = ownerAadObjectId, Kind = AssignmentKind.Owner });
        }

        if (goal > 0)
        {
            db.CadenceGoals.Add(new CadenceGoal { TeamId = TeamId, SocialChannelId = channel.Id, PostsPerWeek = goal, EngagementRateTarget = 0.04m });
        }

        db.SaveChanges();
        return channel.Id;
    }

    /// <summary>One day's figures of a social channel: impressions, reactions, comments, shares, clicks.</summary>
    public void Day(int socialChannelId, DateOnly date, long impressions, long reactions, long comments = 0, long shares = 0, long clicks = 0)
    {
        using var db = NewContext();
        foreach (var (kind, value) in new[] { (MetricKind.Impressions, impressions), (MetricKind.Reactions, reactions), (MetricKind.Comments, comments), (MetricKind.Shares, shares), (MetricKind.Clicks, clicks) })
        {
            db.SocialChannelDailyMetrics.Add(new SocialChannelDailyMetric { TeamId = TeamId, SocialChannelId = socialChannelId, Date = date, Metric = kind, Value = value, Source = "test", ReadAt = Clock.GetUtcNow() });
        }

        db.SaveChanges();
    }

    public void PostFigures(string url, DateOnly date, long impressions, long reactions)
    {
        using var db = NewContext();
        db.PostMetrics.AddRange(
            new PostMetric { TeamId = TeamId, PostUrl = PostUrls.Normalise(url), Date = date, Metric = MetricKind.Impressions, Value = impressions, Source = "test", ReadAt = Clock.GetUtcNow() },
            new PostMetric { TeamId = TeamId, PostUrl = PostUrls.Normalise(url), Date = date, Metric = MetricKind.Reactions, Value = reactions, Source = "test", ReadAt = Clock.GetUtcNow() });
        db.SaveChanges();
    }

    public Post Published(string title, int socialChannelId, Platform platform, string liveUrl, DateTimeOffset publishedAt)
    {
        var post = Submitted(title, socialChannelId, platform, publishedAt.AddDays(-2));
        post.Approve(Reviewer, post.CurrentRevision, ReviewPolicy.Default, [], publishedAt.AddDays(-1)).ShouldSucceed();
        post.MarkPublished(Author, socialChannelId, liveUrl, publishedAt).ShouldSucceed();
        return Save(post);
    }

    public Post InReview(string title, int socialChannelId, Platform platform, DateTimeOffset submittedAt) =>
        Save(Submitted(title, socialChannelId, platform, submittedAt));

    public Post Approved(string title, int socialChannelId, Platform platform, DateTimeOffset plannedAt)
    {
        var post = new Post(Author, Content(title, socialChannelId, platform), plannedAt.AddDays(-3), plannedAt);
        post.SubmitForReview(Author, ReviewPolicy.Default, plannedAt.AddDays(-3)).ShouldSucceed();
        post.Approve(Reviewer, post.CurrentRevision, ReviewPolicy.Default, [], plannedAt.AddDays(-2)).ShouldSucceed();
        return Save(post);
    }

    private static Post Submitted(string title, int socialChannelId, Platform platform, DateTimeOffset at)
    {
        var post = new Post(Author, Content(title, socialChannelId, platform), at.AddMinutes(-5));
        post.SubmitForReview(Author, ReviewPolicy.Default, at).ShouldSucceed();
        return post;
    }

    private static PostContent Content(string title, int socialChannelId, Platform platform) =>
        new(title, "Der Frühling ist da: 20 % auf alles im Shop.", [new VariantContent(socialChannelId, platform)], Reviewers: [Reviewer.AadObjectId]);

    private Post Save(Post post)
    {
        using var db = NewContext();
        db.Posts.Add(post);
        db.SaveChanges();
        return post;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

internal static class DigestAssertions
{
    public static PostActionResult ShouldSucceed(this PostActionResult result)
    {
        Assert.True(result.Succeeded, $"Expected success, was refused: {result.Refusal}");
        return result;
    }
}
