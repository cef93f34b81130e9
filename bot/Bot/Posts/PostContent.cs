using Bot.Staffing;

namespace Bot.Posts;

/// <summary>The department a post is for, when one brought the topic (PR, Vertrieb, Service, Personal).</summary>
public enum Department
{
    PR,
    Sales,
    Service,
    HR,
}

/// <summary>What is wrong with a <see cref="PostContent"/>; the chat layer words it for the user.</summary>
public enum ContentProblem
{
    WorkingTitleMissing,
    WorkingTitleTooLong,
    NoVariants,
    InvalidSocialChannel,
    DuplicateSocialChannel,
    InvalidTag,
    InvalidLink,
    InvalidMediaReference,
    InvalidReviewer,
}

/// <summary>
/// The author's text for one social channel; <paramref name="OwnText"/> null means "use the base text".
/// </summary>
public sealed record VariantContent(int SocialChannelId, Platform Platform, string? OwnText = null);

/// <summary>
/// Everything the author writes on a draft, in one value: a new draft and every edit take a whole content, so an edit
/// is one revision however many fields it touches.
/// </summary>
/// <param name="Tags">Topic or campaign tags (<c>frühling</c>, <c>sensitive</c>); stored without <c>#</c>, lower case.</param>
/// <param name="Links">Links the post refers to (landing page, article), absolute http(s) URLs.</param>
/// <param name="MediaReferences">Images and videos by URL (SharePoint, DAM).</param>
/// <param name="Reviewers">
/// AAD object ids of the reviewers named on the draft. Until the assignments feature supplies the owners of the social
/// channels, the author names them here; the policy's own reviewers come on top.
/// </param>
public sealed record PostContent(
    string WorkingTitle,
    string BaseText,
    IReadOnlyList<VariantContent> Variants,
    IReadOnlyList<string>? Tags = null,
    Department? Department = null,
    IReadOnlyList<string>? Links = null,
    IReadOnlyList<string>? MediaReferences = null,
    IReadOnlyList<string>? Reviewers = null)
{
    public const int MaxWorkingTitleLength = 200;
    public const int MaxTagLength = 50;

    /// <summary>Problems in the order of the fields; empty when the content can go on a draft.</summary>
    public IReadOnlyList<ContentProblem> Validate()
    {
        var problems = new List<ContentProblem>();
        if (string.IsNullOrWhiteSpace(WorkingTitle))
        {
            problems.Add(ContentProblem.WorkingTitleMissing);
        }
        else if (WorkingTitle.Trim().Length > MaxWorkingTitleLength)
        {
            problems.Add(ContentProblem.WorkingTitleTooLong);
        }

        if (Variants is null || Variants.Count == 0)
        {
            problems.Add(ContentProblem.NoVariants);
        }
        else
        {
            if (Variants.Any(v => v is null || v.SocialChannelId <= 0 || !Enum.IsDefined(v.Platform)))
            {
                problems.Add(ContentProblem.InvalidSocialChannel);
            }

            if (Variants.Where(v => v is not null).GroupBy(v => v.SocialChannelId).Any(g => g.Count() > 1))
            {
                problems.Add(ContentProblem.DuplicateSocialChannel);
            }
        }

        if ((Tags ?? []).Any(tag => NormalizeTag(tag) is not { Length: > 0 and <= MaxTagLength } normalized || normalized.Any(char.IsWhiteSpace)))
        {
            problems.Add(ContentProblem.InvalidTag);
        }

        if ((Links ?? []).Any(link => !IsWebAddress(link)))
        {
            problems.Add(ContentProblem.InvalidLink);
        }

        if ((MediaReferences ?? []).Any(media => !IsWebAddress(media)))
        {
            problems.Add(ContentProblem.InvalidMediaReference);
        }

        if ((Reviewers ?? []).Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(ContentProblem.InvalidReviewer);
        }

        return problems;
    }

    /// <summary>The text a variant is published with.</summary>
    public string TextOf(VariantContent variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        return variant.OwnText ?? BaseText ?? string.Empty;
    }

    internal IReadOnlyList<string> NormalizedTags() => (Tags ?? []).Select(NormalizeTag).Distinct(StringComparer.Ordinal).ToList();

    internal IReadOnlyList<string> DistinctReviewers() => (Reviewers ?? []).Select(r => r.Trim()).Distinct(AadIds.Comparer).ToList();

    internal static string NormalizeTag(string? tag) => (tag ?? string.Empty).Trim().TrimStart('#').ToLowerInvariant();

    internal static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
