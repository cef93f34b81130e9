using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

public sealed class DownloadOptions
{
    public const string SectionName = "Downloads";

    /// <summary>
    /// Where people reach the bot, e.g. <c>https://bot.contoso.com</c>, for the links it hands out. Empty: the scheme and
    /// host the current request came in on (right when Teams calls the bot directly, wrong behind a TLS-terminating proxy).
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a download link works.</summary>
    [Range(1, 24 * 60)]
    public int LifetimeMinutes { get; set; } = 15;
}

/// <summary>Where the download links the bot hands out lead; each feature maps its own endpoint.</summary>
internal static class DownloadEndpoints
{
    /// <summary>The configured public address, else the one the current request came in on.</summary>
    public static string BaseUrl(DownloadOptions options, HttpRequest? request) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : request is null ? string.Empty
        : $"{request.Scheme}://{request.Host}{request.PathBase}";
}

/// <summary>What a download link grants: one team's audit of a period, asked for by one person, until a moment.</summary>
public sealed record AuditDownload(string TeamId, string ActorAadObjectId, DateOnly FirstDay, DateOnly LastDay, string Language, DateTimeOffset ExpiresAt);

/// <summary>What a personal data link grants: everything stored about one person, to that person, until a moment.</summary>
public sealed record PersonalDataDownload(string AadObjectId, DateTimeOffset ExpiresAt);

/// <summary>What a digest chart link grants: one team's 14-day chart before a day, drawn with one language's labels.</summary>
public sealed record DigestChartDownload(string TeamId, DateOnly Today, string Language, DateTimeOffset ExpiresAt);

public enum DownloadTokenState
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Short-lived download tokens. The grant is sealed with ASP.NET Core Data Protection (authenticated encryption with an
/// HMAC-SHA256 tag, keys kept next to the database), so a token can be neither read nor changed without the key: a
/// tampered token and one for another team are the same "unknown" to the bot. The expiry inside is checked against
/// the bot's <see cref="TimeProvider"/>, not the protector's own clock, so tests can move time.
/// </summary>
public sealed class DownloadTokens(IDataProtectionProvider protection, TimeProvider timeProvider, IOptions<DownloadOptions> options)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Bot.Exports.AuditDownload.v1");

    // Its own purpose: an audit token can never be read as a personal data grant, or the other way round.
    private readonly IDataProtector _personalData = protection.CreateProtector("Bot.Exports.PersonalDataDownload.v1");

    // Its own purpose too: a chart link, which sits in a channel for everyone, never opens an audit or personal export.
    private readonly IDataProtector _digestChart = protection.CreateProtector("Bot.Digest.Chart.v1");

    /// <summary>
    /// A digest stays in the channel and people scroll back to it for a while, so its chart works for a week; it shows
    /// figures the team's channel sees anyway, unlike the audit and personal exports with their minutes.
    /// </summary>
    public static readonly TimeSpan DigestChartLifetime = TimeSpan.FromDays(7);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.LifetimeMinutes);

    public string IssueDigestChart(string teamId, DateOnly today, string language) =>
        _digestChart.Protect(JsonSerializer.Serialize(new DigestChartDownload(teamId, today, language, timeProvider.GetUtcNow() + DigestChartLifetime)));

    public (DownloadTokenState State, DigestChartDownload? Download) ReadDigestChart(string token)
    {
        DigestChartDownload? download;
        try
        {
            download = JsonSerializer.Deserialize<DigestChartDownload>(_digestChart.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return (DownloadTokenState.Invalid, null);
        }

        return download is null ? (DownloadTokenState.Invalid, null)
            : download.ExpiresAt <= timeProvider.GetUtcNow() ? (DownloadTokenState.Expired, null)
            : (DownloadTokenState.Valid, download);
    }

    public string Issue(string teamId, string actorAadObjectId, DateOnly firstDay, DateOnly lastDay, string language) =>
        _protector.Protect(JsonSerializer.Serialize(new AuditDownload(teamId, actorAadObjectId, firstDay, lastDay, language, timeProvider.GetUtcNow() + Lifetime)));

    public string IssuePersonalData(string aadObjectId) =>
        _personalData.Protect(JsonSerializer.Serialize(new PersonalDataDownload(aadObjectId, timeProvider.GetUtcNow() + Lifetime)));

    public (DownloadTokenState State, PersonalDataDownload? Download) ReadPersonalData(string token)
    {
        PersonalDataDownload? download;
        try
        {
            download = JsonSerializer.Deserialize<PersonalDataDownload>(_personalData.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return (DownloadTokenState.Invalid, null);
        }

        return download is null ? (DownloadTokenState.Invalid, null)
            : download.ExpiresAt <= timeProvider.GetUtcNow() ? (DownloadTokenState.Expired, null)
            : (DownloadTokenState.Valid, download);
    }

    public (DownloadTokenState State, AuditDownload? Download) Read(string token)
    {
        AuditDownload? download;
        try
        {
            download = JsonSerializer.Deserialize<AuditDownload>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return (DownloadTokenState.Invalid, null);
        }

        if (download is null)
        {
            return (DownloadTokenState.Invalid, null);
        }

        return download.ExpiresAt <= timeProvider.GetUtcNow() ? (DownloadTokenState.Expired, null) : (DownloadTokenState.Valid, download);
    }
}
