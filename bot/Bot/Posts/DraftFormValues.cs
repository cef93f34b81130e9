using System.Globalization;
using Bot.Staffing;

namespace Bot.Posts;

/// <summary>
/// What the author typed into the draft form. A refused form comes back with these as the inputs' values, so fixing the
/// one thing named in the notice is one edit, not typing everything again. Card data is untrusted, so only what the
/// form could have sent is echoed: known social channels, a well-formed date and time, and texts of bounded length.
/// </summary>
public sealed record DraftFormValues(string? Title, string? Text, IReadOnlyList<string> SocialChannelIds, string? Date, string? Time, string? Tag)
{
    // Far above what the form's inputs let anyone type, low enough that an echoed card stays well under Teams' 80 KB.
    private const int MaxEchoedTitleLength = 4 * PostContent.MaxWorkingTitleLength;
    private const int MaxEchoedTextLength = 20_000;
    private const int MaxEchoedTagLength = 4 * PostContent.MaxTagLength;

    public static DraftFormValues From(Func<string, string?> input, IReadOnlyCollection<SocialChannel> offered)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(offered);
        var known = offered.Select(c => c.Id.ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var picked = (input(PostCards.SocialChannelsInput) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(known.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var date = DateOnly.TryParseExact(input(PostCards.DateInput), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
        var time = TimeOnly.TryParseExact(input(PostCards.TimeInput), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock)
            ? clock.ToString("HH:mm", CultureInfo.InvariantCulture)
            : null;
        return new(
            Bounded(input(PostCards.TitleInput), MaxEchoedTitleLength),
            Bounded(input(PostCards.TextInput), MaxEchoedTextLength),
            picked,
            date,
            time,
            Bounded(input(PostCards.TagInput), MaxEchoedTagLength));
    }

    private static string? Bounded(string? value, int max) => value is { Length: > 0 } ? value.Length <= max ? value : value[..max] : null;
}
