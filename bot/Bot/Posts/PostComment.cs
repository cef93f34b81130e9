namespace Bot.Posts;

/// <summary>A remark on a post outside a decision, e.g. the author answering a change request.</summary>
public sealed class PostComment
{
    internal PostComment(int sequence, string authorAadObjectId, int revision, string text, DateTimeOffset createdAt)
    {
        Sequence = sequence;
        AuthorAadObjectId = authorAadObjectId;
        Revision = revision;
        Text = text;
        CreatedAt = createdAt;
    }

    // For EF Core.
    private PostComment()
    {
        AuthorAadObjectId = string.Empty;
        Text = string.Empty;
    }

    public int Sequence { get; private set; }
    public string AuthorAadObjectId { get; private set; }
    public int Revision { get; private set; }
    public string Text { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
