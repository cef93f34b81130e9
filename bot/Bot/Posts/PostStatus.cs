namespace Bot.Posts;

/// <summary>Where a post stands. Published, Rejected and Withdrawn are final.</summary>
public enum PostStatus
{
    Draft,
    InReview,
    ChangesRequested,
    Approved,
    Scheduled,
    Published,
    Rejected,
    Withdrawn,
}

public static class PostStatusRules
{
    public static bool IsFinal(this PostStatus status) => status is PostStatus.Published or PostStatus.Rejected or PostStatus.Withdrawn;

    /// <summary>The states a post only reaches with its policy satisfied for the current revision.</summary>
    public static bool IsApprovedOrLater(this PostStatus status) => status is PostStatus.Approved or PostStatus.Scheduled or PostStatus.Published;
}
