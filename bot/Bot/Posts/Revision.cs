using Bot.Staffing;

namespace Bot.Posts;

/// <summary>
/// What reviewers saw: a snapshot of every variant's text at one submission or edit. Decisions name the revision they
/// apply to, so an approval never carries over to text nobody approved.
/// </summary>
public sealed class Revision
{
    private readonly List<RevisionText> _texts = [];

    internal Revision(int number, DateTimeOffset createdAt, string createdBy, IEnumerable<RevisionText> texts)
    {
        Number = number;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        _texts.AddRange(texts);
    }

    // For EF Core.
    private Revision()
    {
        CreatedBy = string.Empty;
    }

    public int Number { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; }
    public IReadOnlyList<RevisionText> Texts => _texts;

    public RevisionText? TextFor(int socialChannelId) => _texts.FirstOrDefault(t => t.SocialChannelId == socialChannelId);
}

public sealed class RevisionText
{
    internal RevisionText(int socialChannelId, Platform platform, string text)
    {
        SocialChannelId = socialChannelId;
        Platform = platform;
        Text = text;
    }

    // For EF Core.
    private RevisionText()
    {
        Text = string.Empty;
    }

    public int SocialChannelId { get; private set; }
    public Platform Platform { get; private set; }
    public string Text { get; private set; }
}
