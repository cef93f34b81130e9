namespace Bot.Posts;

public enum ReviewVerdict
{
    Approved,
    ChangesRequested,
    Rejected,
}

/// <summary>A reviewer's verdict on one revision. Never changed after it is made.</summary>
public sealed class ReviewDecision
{
    private readonly List<string> _confirmedChecklistItems = [];

    internal ReviewDecision(
        int sequence,
        string reviewerAadObjectId,
        int revision,
        ReviewVerdict verdict,
        string? comment,
        DateTimeOffset decidedAt,
        string? levelName,
        IEnumerable<string> confirmedChecklistItems)
    {
        Sequence = sequence;
        ReviewerAadObjectId = reviewerAadObjectId;
        Revision = revision;
        Verdict = verdict;
        Comment = comment;
        DecidedAt = decidedAt;
        LevelName = levelName;
        _confirmedChecklistItems.AddRange(confirmedChecklistItems);
    }

    // For EF Core.
    private ReviewDecision()
    {
        ReviewerAadObjectId = string.Empty;
    }

    /// <summary>Order within the post (1, 2, …); timestamps can tie, this cannot.</summary>
    public int Sequence { get; private set; }

    public string ReviewerAadObjectId { get; private set; }
    public int Revision { get; private set; }
    public ReviewVerdict Verdict { get; private set; }
    public string? Comment { get; private set; }
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>For an approval: the policy level it counted for (one approval counts for one level).</summary>
    public string? LevelName { get; private set; }

    /// <summary>For an approval: the ids of the checklist items the reviewer confirmed.</summary>
    public IReadOnlyList<string> ConfirmedChecklistItems => _confirmedChecklistItems;
}
