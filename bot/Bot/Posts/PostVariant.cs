using Bot.Staffing;

namespace Bot.Posts;

/// <summary>
/// The text of a post for one social channel. It follows the post's base text until the author gives it a text of its
/// own, because content is adapted per platform but usually starts from one text.
/// </summary>
public sealed class PostVariant
{
    public PostVariant(int socialChannelId, Platform platform, string text, bool followsBaseText = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(socialChannelId);
        ArgumentNullException.ThrowIfNull(text);
        SocialChannelId = socialChannelId;
        Platform = platform;
        Text = text;
        FollowsBaseText = followsBaseText;
    }

    // For EF Core.
    private PostVariant()
    {
        Text = string.Empty;
    }

    public int SocialChannelId { get; private set; }
    public Platform Platform { get; private set; }

    /// <summary>The text as it will be published: the base text or the variant's own.</summary>
    public string Text { get; private set; }

    public bool FollowsBaseText { get; private set; }

    /// <summary>The live post's address once someone has published this variant.</summary>
    public string? LiveUrl { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedBy { get; private set; }
    public bool IsLive => LiveUrl is not null;

    internal void Update(Platform platform, string text, bool followsBaseText)
    {
        Platform = platform;
        Text = text;
        FollowsBaseText = followsBaseText;
    }

    internal void MarkLive(string url, string publishedBy, DateTimeOffset at)
    {
        LiveUrl = url;
        PublishedBy = publishedBy;
        PublishedAt = at;
    }
}
