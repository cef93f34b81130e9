using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bot.Protocol.Schema;

namespace Bot.Benchmarks;

/// <summary>
/// What the decision benchmarks share: one team whose editor has many posts in review and whose reviewer approves each
/// once, set up through the bot's own commands and card actions, and the database check that each was decided once.
/// </summary>
internal sealed class DecisionWorkload
{
    private DecisionWorkload(BenchTeam team, ChannelAccount author, ChannelAccount reviewer, long socialChannelId)
    {
        Team = team;
        Author = author;
        Reviewer = reviewer;
        SocialChannelId = socialChannelId;
    }

    public BenchTeam Team { get; }
    public ChannelAccount Author { get; }
    public ChannelAccount Reviewer { get; }
    public long SocialChannelId { get; }

    public static async Task<DecisionWorkload> SetUpAsync(BotUnderTest bot)
    {
        var connector = bot.Connector;
        var coordinator = BenchTeam.Person("decisions-anna", "Anna Schmidt");
        var author = BenchTeam.Person("decisions-ben", "Ben Wagner");
        var reviewer = BenchTeam.Person("decisions-clara", "Clara Vogel");
        connector.Members.AddRange([coordinator, author, reviewer]);
        var team = new BenchTeam(connector.ServiceUrl, "bench-tenant-decisions", "19:decisions@thread.tacv2", "Decisions");

        await bot.SendAsync(team.Installed(coordinator));
        await bot.SendAsync(team.Command("add account instagram @decisions", coordinator));
        await bot.SendAsync(team.Command($"role <at>{author.Name}</at> editor", coordinator, author));
        await bot.SendAsync(team.Command($"role <at>{reviewer.Name}</at> reviewer", coordinator, reviewer));
        // The social channel's owner reviews its posts.
        await bot.SendAsync(team.Command($"assign <at>{reviewer.Name}</at> instagram", coordinator, reviewer));
        var socialChannelId = await bot.ScalarAsync<long>("SELECT \"Id\" FROM \"SocialChannels\"");
        return new DecisionWorkload(team, author, reviewer, socialChannelId);
    }

    /// <summary>
    /// Creates and submits <paramref name="count"/> posts, 8 at a time, spread over the bot's instances (which warms
    /// each up), and returns their approvals' bodies.
    /// </summary>
    public async Task<byte[][]> PrepareApprovalsAsync(BotUnderTest bot, int count)
    {
        Console.WriteLine($"  preparing {count} posts in review…");
        var prepared = Stopwatch.StartNew();
        var ids = new Guid[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            var instance = i % bot.Servers.Count;
            var created = await bot.SendAsync(Team.CardAction("post.create", new { title = $"Decision {i}", text = "Der Frühling ist da.", socialChannels = SocialChannelId.ToString(CultureInfo.InvariantCulture) }, Author), cancellationToken, instance);
            var postId = BotUnderTest.PostIdIn(created);
            await bot.SendAsync(Team.CardAction("post.submit", new { postId = postId.ToString("D"), revision = "0" }, Author), cancellationToken, instance);
            ids[i] = postId;
        });
        Console.WriteLine($"  prepared in {prepared.Elapsed.TotalSeconds:F0} s");
        return [.. ids.Select(postId => JsonSerializer.SerializeToUtf8Bytes(
            Team.CardAction("post.approve", new { postId = postId.ToString("D"), revision = "1" }, Reviewer), ProtocolJson.Options))];
    }

    /// <summary>
    /// Counts in the database, once it has settled (a request the client gave up on may still commit): how many of the
    /// <paramref name="posts"/> were decided exactly once, not at all, and how many decisions were extra.
    /// </summary>
    public static async Task<OnceCheck> CheckAsync(BotUnderTest bot, int posts)
    {
        const string countDecisions = "SELECT COUNT(*) FROM \"PostReviewDecisions\"";
        var last = -1L;
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var now = await bot.ScalarAsync<long>(countDecisions);
            if (now == last)
            {
                break;
            }

            last = now;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var decisions = await bot.ScalarAsync<long>(countDecisions);
        var decidedPosts = await bot.ScalarAsync<long>("SELECT COUNT(DISTINCT \"PostId\") FROM \"PostReviewDecisions\"");
        var approved = await bot.ScalarAsync<long>("SELECT COUNT(*) FROM \"Posts\" WHERE \"Status\" = 'Approved'");
        return new OnceCheck(posts, decidedPosts, decisions - decidedPosts, approved);
    }
}

/// <summary>The database's verdict on a run's approvals.</summary>
internal sealed record OnceCheck(long Posts, long DecidedPosts, long ExtraDecisions, long Approved)
{
    public long NotDecided => Posts - DecidedPosts;
    public bool EachExactlyOnce => DecidedPosts == Posts && ExtraDecisions == 0 && Approved == Posts;

    public string Describe() => EachExactlyOnce
        ? $"all {Posts:N0} decided exactly once"
        : $"{DecidedPosts:N0} of {Posts:N0} decided, {NotDecided:N0} not decided, {ExtraDecisions:N0} extra decisions, {Approved:N0} approved";
}
