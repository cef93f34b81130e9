using System.Security.Cryptography;
using System.Text;
using Bot.Persistence;
using Bot.Staffing;
using Bot.Teams;
using Microsoft.EntityFrameworkCore;

namespace Bot.Metrics;

public enum MetricsKeyOutcome
{
    Done,
    NotCoordinator,
    UnknownKey,
    AlreadyRevoked,
}

/// <summary>A key just created: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record CreatedMetricsKey(string Key, MetricsApiKey Stored);

/// <summary>
/// The team's keys for <c>POST /api/metrics</c>. A key is <c>smb_</c> and 32 random bytes in base64url (43 characters),
/// so it is recognisable in a secret scanner and in a leaked config; the database holds only its SHA-256 (hex), so a
/// copy of the database lets no one push figures. The prefix (<c>smb_</c> and the first 8 characters) names a key in
/// lists and for revoking.
/// </summary>
public sealed partial class MetricsApiKeys(BotDbContext database, TeamDirectory teams, TimeProvider timeProvider, ILogger<MetricsApiKeys> logger)
{
    public const string KeyStart = "smb_";
    public const int PrefixLength = 12;
    public const int MaxLabelLength = 100;
    private const int KeyLength = 4 + 43;

    public async Task<(MetricsKeyOutcome Outcome, CreatedMetricsKey? Created)> CreateAsync(string teamId, string actor, string? label, CancellationToken cancellationToken)
    {
        if (!(await teams.RoleOfAsync(teamId, actor, cancellationToken)).CanManageTeam())
        {
            return (MetricsKeyOutcome.NotCoordinator, null);
        }

        var key = KeyStart + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = timeProvider.GetUtcNow();
        var stored = new MetricsApiKey
        {
            Id = Guid.CreateVersion7(now),
            TeamId = teamId,
            Prefix = key[..PrefixLength],
            KeyHash = Hash(key),
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim()[..Math.Min(label.Trim().Length, MaxLabelLength)],
            CreatedByAadObjectId = actor,
            CreatedAt = now,
        };
        database.MetricsApiKeys.Add(stored);
        database.TeamAudit.Add(new TeamAuditEntry { TeamId = teamId, At = now, ActorAadObjectId = actor, Action = "metrics-key.created", Details = $"prefix={stored.Prefix}" });
        await database.SaveChangesAsync(cancellationToken);
        LogCreated(logger, teamId, stored.Prefix);
        return (MetricsKeyOutcome.Done, new CreatedMetricsKey(key, stored));
    }

    public async Task<IReadOnlyList<MetricsApiKey>> ListAsync(string teamId, CancellationToken cancellationToken)
    {
        var keys = await database.MetricsApiKeys.AsNoTracking().Where(k => k.TeamId == teamId).ToListAsync(cancellationToken);
        return [.. keys.OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt)];
    }

    public async Task<MetricsKeyOutcome> RevokeAsync(string teamId, string actor, string prefix, CancellationToken cancellationToken)
    {
        if (!(await teams.RoleOfAsync(teamId, actor, cancellationToken)).CanManageTeam())
        {
            return MetricsKeyOutcome.NotCoordinator;
        }

        // The prefix is matched in this team only: a coordinator cannot revoke (or learn about) another team's key.
        var normalised = prefix.Trim();
        var key = await database.MetricsApiKeys.SingleOrDefaultAsync(k => k.TeamId == teamId && k.Prefix == normalised, cancellationToken);
        if (key is null)
        {
            return MetricsKeyOutcome.UnknownKey;
        }

        if (key.RevokedAt is not null)
        {
            return MetricsKeyOutcome.AlreadyRevoked;
        }

        var now = timeProvider.GetUtcNow();
        key.RevokedAt = now;
        key.RevokedByAadObjectId = actor;
        database.TeamAudit.Add(new TeamAuditEntry { TeamId = teamId, At = now, ActorAadObjectId = actor, Action = "metrics-key.revoked", Details = $"prefix={key.Prefix}" });
        await database.SaveChangesAsync(cancellationToken);
        LogRevoked(logger, teamId, key.Prefix);
        return MetricsKeyOutcome.Done;
    }

    /// <summary>
    /// The active key a caller presented, or <c>null</c>. The lookup goes by the hash (indexed, unique): a timing
    /// difference there could only tell an attacker something about the SHA-256 of their guess, never about a stored
    /// key. The stored hash is then compared again in constant time, so the decision itself never depends on how many
    /// characters matched.
    /// </summary>
    public async Task<MetricsApiKey?> AuthenticateAsync(string? presented, CancellationToken cancellationToken)
    {
        if (presented is null || presented.Length != KeyLength || !presented.StartsWith(KeyStart, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(presented);
        var key = await database.MetricsApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.KeyHash), Encoding.ASCII.GetBytes(hash)))
        {
            return null;
        }

        return key.IsActive ? key : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics API key {Prefix} created for team {TeamId}")]
    private static partial void LogCreated(ILogger logger, string teamId, string prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics API key {Prefix} revoked in team {TeamId}")]
    private static partial void LogRevoked(ILogger logger, string teamId, string prefix);
}
