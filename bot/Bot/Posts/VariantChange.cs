namespace Bot.Posts;

public enum VariantChangeKind
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>How one social channel's text changed between two revisions, as a word diff.</summary>
public sealed record VariantChange(int SocialChannelId, Staffing.Platform Platform, VariantChangeKind Kind, IReadOnlyList<DiffSegment> Diff);
