using System.Security.Claims;
using Bot.Protocol.Schema;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Protocol.Authentication;

/// <summary>
/// The outcome of checking a request; <see cref="FailureReason"/> is safe to log (it never holds the token).
/// <see cref="Identity"/> is <c>null</c> for an accepted request when authentication is off.
/// </summary>
public sealed record ChannelAuthenticationResult(ClaimsIdentity? Identity, string? FailureReason)
{
    public bool Succeeded => FailureReason is null;

    public static ChannelAuthenticationResult Fail(string reason) => new(null, reason);
}

/// <summary>
/// Validates the JWT the Bot Framework channel sends with each activity, as the connector authentication page and the
/// SDK's <c>JwtTokenValidation</c> do: RS256 only, a key from the channel's metadata endorsed for the activity's
/// channel, issuer, audience = our app id, a required expiry with five minutes of skew, and a <c>serviceurl</c> claim
/// equal to the activity's <c>serviceUrl</c>. A token that passed is remembered (<see cref="ValidatedTokenCache"/>): the
/// same token again skips the parse and the signature check, never the checks that depend on the activity.
/// </summary>
public sealed class ChannelTokenValidator(
    ChannelSigningKeyCache keyCache,
    ValidatedTokenCache validatedTokens,
    IOptions<BotFrameworkAuthenticationOptions> options,
    TimeProvider timeProvider)
{
    public const string ServiceUrlClaim = "serviceurl";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        const string bearerPrefix = "Bearer ";
        if (string.IsNullOrWhiteSpace(authorizationHeader)
            || !authorizationHeader.StartsWith(bearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthenticationResult.Fail("missing or non-Bearer Authorization header");
        }

        var token = authorizationHeader[bearerPrefix.Length..].Trim();
        if (validatedTokens.Find(token) is { } validated)
        {
            return ForActivity(validated.SigningKey, validated.ServiceUrl, activity)
                ?? new ChannelAuthenticationResult(validated.Identity.Clone(), null);
        }

        if (!_handler.CanReadToken(token))
        {
            return ChannelAuthenticationResult.Fail("malformed token");
        }

        JsonWebToken parsed;
        try
        {
            parsed = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return ChannelAuthenticationResult.Fail("malformed token");
        }

        if (parsed.Alg != SecurityAlgorithms.RsaSha256)
        {
            return ChannelAuthenticationResult.Fail($"algorithm {parsed.Alg} not allowed");
        }

        if (string.IsNullOrEmpty(parsed.Kid))
        {
            return ChannelAuthenticationResult.Fail("token names no signing key");
        }

        // A key we do not know may cost a metadata fetch: garbage that could never pass is refused before that.
        var settings = options.Value;
        if (!PlausibleBeforeSignature(parsed, settings, activity))
        {
            return ChannelAuthenticationResult.Fail("claims invalid before the signature was checked");
        }

        var issuedAt = parsed.IssuedAt == DateTime.MinValue ? (DateTimeOffset?)null : new DateTimeOffset(parsed.IssuedAt, TimeSpan.Zero);
        var signingKey = await keyCache.FindKeyAsync(parsed.Kid, issuedAt, cancellationToken);
        if (signingKey is null)
        {
            return ChannelAuthenticationResult.Fail("unknown signing key");
        }

        var validation = await _handler.ValidateTokenAsync(token, Parameters(settings, signingKey));
        if (!validation.IsValid)
        {
            return ChannelAuthenticationResult.Fail($"token rejected ({validation.Exception?.GetType().Name})");
        }

        var serviceUrlClaim = validation.ClaimsIdentity.FindFirst(ServiceUrlClaim)?.Value;
        if (ForActivity(signingKey, serviceUrlClaim, activity) is { } refused)
        {
            return refused;
        }

        validatedTokens.Add(token, validation.ClaimsIdentity.Clone(), signingKey, serviceUrlClaim!, new DateTimeOffset(parsed.ValidTo, TimeSpan.Zero));
        return new ChannelAuthenticationResult(validation.ClaimsIdentity, null);
    }

    /// <summary>The checks that tie a verified token to this activity; they run for a remembered token too.</summary>
    private static ChannelAuthenticationResult? ForActivity(ChannelSigningKey signingKey, string? serviceUrlClaim, Activity activity)
    {
        if (!signingKey.Endorsements.Contains(activity.ChannelId ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return ChannelAuthenticationResult.Fail("signing key not endorsed for the activity's channel");
        }

        if (serviceUrlClaim is null || !string.Equals(serviceUrlClaim, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return ChannelAuthenticationResult.Fail("serviceurl claim does not match the activity's serviceUrl");
        }

        return null;
    }

    /// <summary>
    /// Whether the header's token is signed by a channel key endorsed for Teams and valid now, judged without the body:
    /// lets valid traffic through while its source address is limited for failures. A key not held yet is looked up
    /// under the cache's rules (a request that may carry a new key waits a few seconds for the next shared refresh), so
    /// even the first request under a newly rotated key passes.
    /// </summary>
    public async Task<bool> VerifiesWithoutBodyAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        const string bearerPrefix = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(bearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = authorizationHeader[bearerPrefix.Length..].Trim();
        if (validatedTokens.Find(token) is { } validated)
        {
            return validated.SigningKey.Endorsements.Contains(Channels.Msteams, StringComparer.OrdinalIgnoreCase);
        }

        if (!_handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            var parsed = _handler.ReadJsonWebToken(token);
            var settings = options.Value;
            var now = timeProvider.GetUtcNow().UtcDateTime;
            if (parsed.Alg != SecurityAlgorithms.RsaSha256 || string.IsNullOrEmpty(parsed.Kid)
                || !string.Equals(parsed.Issuer, settings.ToBotFromChannelTokenIssuer, StringComparison.Ordinal)
                || !parsed.Audiences.Contains(settings.MicrosoftAppId, StringComparer.Ordinal)
                || parsed.ValidTo == DateTime.MinValue || parsed.ValidTo < now - ClockSkew)
            {
                return false;
            }

            var issuedAt = parsed.IssuedAt == DateTime.MinValue ? (DateTimeOffset?)null : new DateTimeOffset(parsed.IssuedAt, TimeSpan.Zero);
            var key = keyCache.HeldKey(parsed.Kid) ?? await keyCache.FindKeyAsync(parsed.Kid, issuedAt, cancellationToken);
            return key is not null
                && key.Endorsements.Contains(Channels.Msteams, StringComparer.OrdinalIgnoreCase)
                && (await _handler.ValidateTokenAsync(token, Parameters(settings, key))).IsValid;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private TokenValidationParameters Parameters(BotFrameworkAuthenticationOptions settings, ChannelSigningKey signingKey) => new()
    {
        ValidIssuer = settings.ToBotFromChannelTokenIssuer,
        ValidAudience = settings.MicrosoftAppId,
        IssuerSigningKey = signingKey.Key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>
    /// The claims, read unverified, could belong to a valid token: issuer, audience, a live lifetime and the service URL.
    /// The full validation repeats these checks on the verified token.
    /// </summary>
    private bool PlausibleBeforeSignature(JsonWebToken token, BotFrameworkAuthenticationOptions settings, Activity activity)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return string.Equals(token.Issuer, settings.ToBotFromChannelTokenIssuer, StringComparison.Ordinal)
            && token.Audiences.Contains(settings.MicrosoftAppId, StringComparer.Ordinal)
            && token.ValidTo != DateTime.MinValue && token.ValidTo >= now - ClockSkew
            && (token.ValidFrom == DateTime.MinValue || token.ValidFrom <= now + ClockSkew)
            && token.TryGetPayloadValue<string>(ServiceUrlClaim, out var serviceUrl)
            && string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Our clock, not the machine's, and a token without <c>exp</c> is refused (some SDKs accept it).</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is null)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (notBefore is { } nbf && nbf > now + ClockSkew)
        {
            return false;
        }

        return expires.Value >= now - ClockSkew;
    }
}
