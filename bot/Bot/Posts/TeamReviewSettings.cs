using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Bot.Posts;

/// <summary>
/// A team's review settings as a coordinator set them: the <see cref="ReviewPolicy"/> with its checklist. Stored as
/// one JSON document per team, because a policy is read and replaced as a whole and its shape (levels, conditional
/// levels, checklist) would otherwise be four tables nobody queries.
/// </summary>
public sealed class TeamReviewSettings
{
    public required string TeamId { get; init; }
    public required ReviewPolicy Policy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedByAadObjectId { get; set; }
}

/// <summary>
/// Reads and replaces a team's review policy; a team without stored settings reviews under <see cref="ReviewPolicy.Default"/>.
/// A policy read once stays for the scope (one turn or one job): a decision asked for it six times, to check the
/// clicker's checklist, to decide, and for each card it rendered.
/// </summary>
public sealed class ReviewSettingsStore(BotDbContext database, TimeProvider timeProvider)
{
    // Compiled once: every decision reads its team's policy.
    private static readonly Func<BotDbContext, string, CancellationToken, Task<TeamReviewSettings?>> SettingsOf =
        EF.CompileAsyncQuery((BotDbContext db, string teamId, CancellationToken _) => db.ReviewSettings.AsNoTracking().SingleOrDefault(s => s.TeamId == teamId));

    private readonly Dictionary<string, ReviewPolicy> _read = new(StringComparer.Ordinal);

    public async Task<ReviewPolicy> PolicyOfAsync(string teamId, CancellationToken cancellationToken)
    {
        if (_read.TryGetValue(teamId, out var policy))
        {
            return policy;
        }

        var settings = await SettingsOf(database, teamId, cancellationToken);
        policy = settings?.Policy ?? ReviewPolicy.Default;
        _read[teamId] = policy;
        return policy;
    }

    public async Task SetPolicyAsync(string teamId, ReviewPolicy policy, string actorAadObjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var settings = await database.ReviewSettings.SingleOrDefaultAsync(s => s.TeamId == teamId, cancellationToken);
        if (settings is null)
        {
            settings = new TeamReviewSettings { TeamId = teamId, Policy = policy };
            database.ReviewSettings.Add(settings);
        }

        settings.Policy = policy;
        settings.UpdatedAt = timeProvider.GetUtcNow();
        settings.UpdatedByAadObjectId = actorAadObjectId;
        await database.SaveChangesAsync(cancellationToken);
        _read[teamId] = policy;
    }
}

/// <summary>
/// The stored shape of a <see cref="ReviewPolicy"/>. Reading goes through the policy's constructors, so a stored
/// document can never make a policy the domain would refuse.
/// </summary>
internal static class ReviewPolicyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(ReviewPolicy policy) => JsonSerializer.Serialize(PolicyDocument.From(policy), Options);

    public static ReviewPolicy Deserialize(string json) =>
        (JsonSerializer.Deserialize<PolicyDocument>(json, Options) ?? throw new JsonException("The stored review policy is empty.")).ToPolicy();

    private sealed record RuleDocument(ApprovalRuleKind Kind, int Count)
    {
        public static RuleDocument From(ApprovalRule rule) => new(rule.Kind, rule.Count);

        public ApprovalRule ToRule() => Kind switch
        {
            ApprovalRuleKind.Any => ApprovalRule.Any,
            ApprovalRuleKind.All => ApprovalRule.All,
            _ => ApprovalRule.NOfM(Count),
        };
    }

    private sealed record LevelDocument(string Name, RuleDocument Rule, IReadOnlyList<string> Reviewers, bool IncludesPostReviewers)
    {
        public static LevelDocument From(ReviewLevel level) => new(level.Name, RuleDocument.From(level.Rule), level.Reviewers, level.IncludesPostReviewers);

        public ReviewLevel ToLevel() => new(Name, Rule.ToRule(), Reviewers ?? [], IncludesPostReviewers);
    }

    private sealed record ConditionalLevelDocument(LevelDocument Level, IReadOnlyList<string>? Tags, IReadOnlyList<string>? Keywords);

    private sealed record PolicyDocument(
        IReadOnlyList<LevelDocument> Levels,
        IReadOnlyList<ConditionalLevelDocument>? ConditionalLevels,
        IReadOnlyList<ChecklistItem>? Checklist)
    {
        public static PolicyDocument From(ReviewPolicy policy) => new(
            [.. policy.Levels.Select(LevelDocument.From)],
            [.. policy.ConditionalLevels.Select(c => new ConditionalLevelDocument(LevelDocument.From(c.Level), c.Tags, c.Keywords))],
            policy.Checklist.Items);

        public ReviewPolicy ToPolicy() => new(
            (Levels ?? []).Select(level => level.ToLevel()),
            (ConditionalLevels ?? []).Select(c => new ConditionalLevel(c.Level.ToLevel(), c.Tags, c.Keywords)),
            new ReviewChecklist(Checklist ?? []));
    }
}
