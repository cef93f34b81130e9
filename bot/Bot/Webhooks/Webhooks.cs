using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Persistence;
using Bot.Posts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Bot.Webhooks;

/// <summary>The header names and the signature, in one place for the sender, docs/webhooks.md and the tests.</summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Signature-256";
    public const string TimestampHeader = "X-Webhook-Timestamp";
    public const string DeliveryHeader = "X-Webhook-Delivery";
    public const string EventHeader = "X-Webhook-Event";

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the raw body under the team's secret (as GitHub signs).</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

/// <summary>A team's webhook settings; the secret goes in and out sealed, and is never shown again.</summary>
public sealed class WebhookSettings(BotDbContext database, IDataProtectionProvider protection, TimeProvider timeProvider)
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    private readonly IDataProtector _protector = protection.CreateProtector("Bot.Webhooks.Secret.v1");

    /// <summary>
    /// The URL's shape: https anywhere, plain http only to this machine. Where it may lead (no internal addresses, plain
    /// http only in local development) is <see cref="Hosting.UserSuppliedUrls"/>' part.
    /// </summary>
    public static bool IsAllowedUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    public Task<TeamWebhook?> OfAsync(string teamId, CancellationToken cancellationToken) =>
        database.Webhooks.AsNoTracking().SingleOrDefaultAsync(w => w.TeamId == teamId, cancellationToken);

    public async Task SetAsync(string teamId, string url, string secret, string actorAadObjectId, CancellationToken cancellationToken)
    {
        var webhook = await database.Webhooks.SingleOrDefaultAsync(w => w.TeamId == teamId, cancellationToken);
        if (webhook is null)
        {
            webhook = new TeamWebhook { TeamId = teamId, Url = url, ProtectedSecret = string.Empty, UpdatedByAadObjectId = actorAadObjectId };
            database.Webhooks.Add(webhook);
        }

        webhook.Url = url;
        webhook.ProtectedSecret = _protector.Protect(secret);
        webhook.UpdatedAt = timeProvider.GetUtcNow();
        webhook.UpdatedByAadObjectId = actorAadObjectId;
        await database.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string teamId, CancellationToken cancellationToken)
    {
        var webhook = await database.Webhooks.SingleOrDefaultAsync(w => w.TeamId == teamId, cancellationToken);
        if (webhook is null)
        {
            return false;
        }

        database.Webhooks.Remove(webhook);
        await database.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The secret, or null when it cannot be unsealed (the Data Protection keys were lost): a coordinator must set it again.</summary>
    public string? SecretOf(TeamWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        try
        {
            return _protector.Unprotect(webhook.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<WebhookDelivery>> RecentDeliveriesAsync(string teamId, int count, CancellationToken cancellationToken)
    {
        var deliveries = await database.WebhookDeliveries.AsNoTracking()
            .Where(d => d.TeamId == teamId)
            .OrderByDescending(d => d.CreatedAt)
            .Take(count)
            .ToListAsync(cancellationToken);
        return deliveries;
    }
}

/// <summary>The JSON an approved post is delivered as; see docs/webhooks.md for the shape.</summary>
public static class WebhookPayload
{
    public const string PostApproved = "post.approved";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static WebhookDelivery ApprovedDelivery(
        Post post,
        IReadOnlyDictionary<int, Staffing.SocialChannel> socialChannels,
        IReadOnlyDictionary<string, string> names,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(post);
        var id = Guid.CreateVersion7(now);
        var body = new Body(
            PostApproved,
            id,
            now.ToUniversalTime(),
            new TeamRef(post.TeamId),
            new PostBody(
                post.Id,
                PostWorkflow.ShortId(post.Id),
                post.WorkingTitle,
                post.CurrentRevision,
                post.Status,
                post.Tags,
                post.Department,
                post.PlannedPublishAt,
                post.Links,
                post.MediaReferences,
                Person(post.AuthorAadObjectId, names),
                [.. post.Variants.OrderBy(v => v.Platform).ThenBy(v => v.SocialChannelId).Select(v => new VariantBody(
                    v.SocialChannelId,
                    v.Platform,
                    socialChannels.GetValueOrDefault(v.SocialChannelId)?.Handle,
                    v.Text))],
                [.. post.Decisions
                    .Where(d => d.Revision == post.CurrentRevision && d.Verdict == ReviewVerdict.Approved)
                    .OrderBy(d => d.Sequence)
                    .Select(d => new ApprovalBody(Person(d.ReviewerAadObjectId, names), d.LevelName, d.DecidedAt, d.Comment, d.ConfirmedChecklistItems))]));
        return new WebhookDelivery
        {
            Id = id,
            TeamId = post.TeamId,
            PostId = post.Id,
            Revision = post.CurrentRevision,
            Event = PostApproved,
            Body = JsonSerializer.Serialize(body, Options),
            CreatedAt = now,
            State = WebhookDeliveryState.Pending,
            NextAttemptAt = now,
        };
    }

    private static PersonBody Person(string aadObjectId, IReadOnlyDictionary<string, string> names) => new(aadObjectId, names.GetValueOrDefault(aadObjectId));

    private sealed record Body(string Event, Guid DeliveryId, DateTimeOffset OccurredAt, TeamRef Team, PostBody Post);

    private sealed record TeamRef(string Id);

    private sealed record PersonBody(string AadObjectId, string? Name);

    private sealed record PostBody(
        Guid Id,
        string ShortId,
        string WorkingTitle,
        int Revision,
        PostStatus Status,
        IReadOnlyList<string> Tags,
        Department? Department,
        DateTimeOffset? PlannedPublishAt,
        IReadOnlyList<string> Links,
        IReadOnlyList<string> MediaReferences,
        PersonBody Author,
        IReadOnlyList<VariantBody> Variants,
        IReadOnlyList<ApprovalBody> Approvals);

    private sealed record VariantBody(int SocialChannelId, Staffing.Platform Platform, string? Account, string Text);

    private sealed record ApprovalBody(PersonBody Reviewer, string? Level, DateTimeOffset At, string? Comment, IReadOnlyList<string> ConfirmedChecklistItems);
}
