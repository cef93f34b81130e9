using System.Text.RegularExpressions;

namespace Bot.Posts;

public enum ApprovalRuleKind
{
    Any,
    All,
    NOfM,
}

/// <summary>How many of a level's reviewers must approve: any one, all of them, or N of them.</summary>
public sealed record ApprovalRule
{
    private ApprovalRule(ApprovalRuleKind kind, int count)
    {
        Kind = kind;
        Count = count;
    }

    public static ApprovalRule Any { get; } = new(ApprovalRuleKind.Any, 1);
    public static ApprovalRule All { get; } = new(ApprovalRuleKind.All, 0);

    public static ApprovalRule NOfM(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        return new(ApprovalRuleKind.NOfM, n);
    }

    public ApprovalRuleKind Kind { get; }

    /// <summary>N for <see cref="ApprovalRuleKind.NOfM"/>.</summary>
    public int Count { get; }

    /// <summary>
    /// Approvals needed from <paramref name="eligibleReviewers"/> people. Never less than one: a level nobody can
    /// approve must block, not pass unnoticed.
    /// </summary>
    public int RequiredOf(int eligibleReviewers) => Kind switch
    {
        ApprovalRuleKind.Any => 1,
        ApprovalRuleKind.All => Math.Max(1, eligibleReviewers),
        _ => Count,
    };
}

/// <summary>
/// One step of a review, e.g. "community manager", then "social media manager", then "legal".
/// </summary>
/// <param name="Reviewers">AAD object ids of the policy's reviewers at this level.</param>
/// <param name="IncludesPostReviewers">The reviewers named on the post (the social channels' owners) review at this level too.</param>
public sealed record ReviewLevel(string Name, ApprovalRule Rule, IReadOnlyList<string> Reviewers, bool IncludesPostReviewers = false)
{
    public const string DefaultName = "review";

    /// <summary>The default level: one approval from any reviewer named on the post.</summary>
    public static ReviewLevel OneOfThePostsReviewers { get; } = new(DefaultName, ApprovalRule.Any, [], IncludesPostReviewers: true);
}

/// <summary>
/// A level that joins the review only for some posts: those carrying one of <paramref name="Tags"/>, or whose text
/// contains one of <paramref name="Keywords"/> (case-insensitive, whole words; <c>preis*</c> also matches "Preise",
/// <c>*preis</c> matches "Sonderpreis").
/// </summary>
public sealed class ConditionalLevel
{
    private readonly IReadOnlyList<Regex> _keywordPatterns;

    public ConditionalLevel(ReviewLevel level, IEnumerable<string>? tags = null, IEnumerable<string>? keywords = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        Level = level;
        Tags = (tags ?? []).Select(PostContent.NormalizeTag).Where(tag => tag.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Keywords = (keywords ?? []).Select(k => k.Trim()).Where(k => k.Trim('*').Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (Tags.Count == 0 && Keywords.Count == 0)
        {
            throw new ArgumentException("A conditional level needs at least one tag or keyword.", nameof(tags));
        }

        _keywordPatterns = Keywords.Select(KeywordPattern).ToList();
    }

    public ReviewLevel Level { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> Keywords { get; }

    public bool AppliesTo(IEnumerable<string> postTags, IEnumerable<string> texts) =>
        postTags.Any(tag => Tags.Contains(tag, StringComparer.Ordinal))
        || texts.Any(text => _keywordPatterns.Any(pattern => pattern.IsMatch(text)));

    // Word boundaries only where the keyword itself starts or ends with a letter or digit, so "AGB" does not match
    // "AGBs" but "§ 5" still matches after a space.
    private static Regex KeywordPattern(string keyword)
    {
        const string WordChar = @"[\p{L}\p{N}_]";
        var core = keyword.Trim('*');
        var pattern = string.Concat(
            char.IsLetterOrDigit(core[0]) ? $"(?<!{WordChar})" : string.Empty,
            keyword.StartsWith('*') ? $"{WordChar}*" : string.Empty,
            Regex.Escape(core),
            keyword.EndsWith('*') ? $"{WordChar}*" : string.Empty,
            char.IsLetterOrDigit(core[^1]) ? $"(?!{WordChar})" : string.Empty);
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

/// <summary>
/// The team's rule for who must approve a post before it can be scheduled, set by a coordinator: levels in sequence,
/// each with its own any / all / N-of-M rule, extra levels for sensitive tags or keywords, and the review checklist.
/// </summary>
/// <remarks>
/// Approvals count only for the post's current revision: every new revision starts the review from nothing, because
/// an approval is a statement about a text, not about a post. An approval counts for exactly one level, the one that
/// was current when it was given, so a person on two levels approves twice. The author is never an eligible reviewer.
/// </remarks>
public sealed class ReviewPolicy
{
    public ReviewPolicy(IEnumerable<ReviewLevel> levels, IEnumerable<ConditionalLevel>? conditionalLevels = null, ReviewChecklist? checklist = null)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Levels = levels.ToList();
        ConditionalLevels = (conditionalLevels ?? []).ToList();
        Checklist = checklist ?? ReviewChecklist.None;

        var all = Levels.Concat(ConditionalLevels.Select(c => c.Level)).ToList();
        if (Levels.Count == 0)
        {
            throw new ArgumentException("A review policy needs at least one level.", nameof(levels));
        }

        if (all.Any(level => level is null || string.IsNullOrWhiteSpace(level.Name) || level.Rule is null || level.Reviewers is null))
        {
            throw new ArgumentException("Every level needs a name, a rule and a reviewer list.", nameof(levels));
        }

        if (all.Any(level => !level.IncludesPostReviewers && level.Reviewers.Count == 0))
        {
            throw new ArgumentException("A level without the post's reviewers needs reviewers of its own.", nameof(levels));
        }

        if (all.Any(level => !level.IncludesPostReviewers && level.Rule.Kind == ApprovalRuleKind.NOfM && level.Rule.Count > level.Reviewers.Distinct(AadIds.Comparer).Count()))
        {
            throw new ArgumentException("An N-of-M level needs at least N reviewers.", nameof(levels));
        }

        if (Levels.Select(level => level.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Levels.Count)
        {
            throw new ArgumentException("Level names must be unique; approvals are counted per level name.", nameof(levels));
        }
    }

    /// <summary>One approval from any reviewer named on the post; no checklist.</summary>
    public static ReviewPolicy Default { get; } = new([ReviewLevel.OneOfThePostsReviewers]);

    public IReadOnlyList<ReviewLevel> Levels { get; }
    public IReadOnlyList<ConditionalLevel> ConditionalLevels { get; }
    public ReviewChecklist Checklist { get; }

    /// <summary>The levels <paramref name="post"/> goes through: the policy's levels, then any its tags or texts add.</summary>
    public IReadOnlyList<ReviewLevel> LevelsFor(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return LevelsFor(ReviewSubject.Of(post));
    }

    /// <summary>Where the review of the post's current revision stands: per level, who may still approve, and whether it is done.</summary>
    public ReviewProgress Evaluate(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        var approvals = post.Decisions
            .Where(d => d.Revision == post.CurrentRevision && d.Revision > 0 && d.Verdict == ReviewVerdict.Approved)
            .ToList();
        return Evaluate(ReviewSubject.Of(post), approvals);
    }

    internal ReviewProgress Evaluate(ReviewSubject subject, IReadOnlyList<ReviewDecision> approvals)
    {
        var levels = new List<LevelProgress>();
        foreach (var level in LevelsFor(subject))
        {
            var eligible = level.Reviewers
                .Concat(level.IncludesPostReviewers ? subject.NamedReviewers : [])
                .Where(reviewer => !AadIds.Same(reviewer, subject.AuthorAadObjectId))
                .Distinct(AadIds.Comparer)
                .ToList();
            var approvedBy = approvals
                .Where(a => string.Equals(a.LevelName, level.Name, StringComparison.OrdinalIgnoreCase) && eligible.Contains(a.ReviewerAadObjectId, AadIds.Comparer))
                .Select(a => a.ReviewerAadObjectId)
                .Distinct(AadIds.Comparer)
                .ToList();
            levels.Add(new LevelProgress(level, eligible, approvedBy, level.Rule.RequiredOf(eligible.Count)));
        }

        return new ReviewProgress(levels);
    }

    private List<ReviewLevel> LevelsFor(ReviewSubject subject)
    {
        var levels = Levels.ToList();
        foreach (var conditional in ConditionalLevels)
        {
            // Two rules may add the same level ("legal" for a tag and for keywords); it joins once.
            if (conditional.AppliesTo(subject.Tags, subject.Texts) && !levels.Any(l => string.Equals(l.Name, conditional.Level.Name, StringComparison.OrdinalIgnoreCase)))
            {
                levels.Add(conditional.Level);
            }
        }

        return levels;
    }
}

/// <summary>The review of one revision: its levels in order, each with who may approve and who has.</summary>
public sealed record ReviewProgress(IReadOnlyList<LevelProgress> Levels)
{
    public bool IsSatisfied => Levels.Count > 0 && Levels.All(level => level.IsSatisfied);

    /// <summary>The first level not yet satisfied; null when the review is done.</summary>
    public LevelProgress? CurrentLevel => Levels.FirstOrDefault(level => !level.IsSatisfied);

    /// <summary>False when some level has fewer eligible reviewers than it needs, e.g. the author is the only one.</summary>
    public bool CanBeSatisfied => Levels.Count > 0 && Levels.All(level => level.CanBeSatisfied);

    /// <summary>Who can move the review forward now: the current level's reviewers who have not approved yet.</summary>
    public IReadOnlyList<string> MayApproveNow => CurrentLevel?.Waiting ?? [];

    /// <summary>Everyone who reviews this revision at some level (they may request changes or reject at any time).</summary>
    public IEnumerable<string> AllReviewers => Levels.SelectMany(level => level.EligibleReviewers).Distinct(AadIds.Comparer);
}

public sealed record LevelProgress(ReviewLevel Level, IReadOnlyList<string> EligibleReviewers, IReadOnlyList<string> ApprovedBy, int Required)
{
    public bool IsSatisfied => ApprovedBy.Count >= Required;
    public bool CanBeSatisfied => EligibleReviewers.Count >= Required;
    public IReadOnlyList<string> Waiting => EligibleReviewers.Where(r => !ApprovedBy.Contains(r, AadIds.Comparer)).ToList();
}

/// <summary>What the policy looks at: the post as it is, or the content an edit is about to give it.</summary>
internal sealed record ReviewSubject(string AuthorAadObjectId, IReadOnlyList<string> Tags, IReadOnlyList<string> Texts, IReadOnlyList<string> NamedReviewers)
{
    public static ReviewSubject Of(Post post) =>
        new(post.AuthorAadObjectId, post.Tags, post.Variants.Select(v => v.Text).ToList(), post.Reviewers);

    public static ReviewSubject Of(string author, PostContent content) =>
        new(author, content.NormalizedTags(), content.Variants.Select(content.TextOf).ToList(), content.DistinctReviewers());
}
