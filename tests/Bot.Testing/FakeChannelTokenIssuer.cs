using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Testing;

/// <summary>
/// Stands in for login.botframework.com and the Entra token endpoint: publishes OpenID metadata and a JWKS with
/// Bot Framework endorsements, mints channel tokens the way the Bot Connector does, and answers client-credentials
/// requests at <c>/{tenant}/oauth2/v2.0/token</c> as MSAL sends them. It speaks HTTPS only, with the process's
/// <see cref="TestCertificate"/>, because MSAL accepts no other authority. Every key is generated at start, so nothing
/// secret is checked in and parallel tests never share keys.
/// </summary>
public sealed class FakeChannelTokenIssuer : LoopbackServer
{
    public const string Issuer = "https://api.botframework.com";
    public const string EndorsedKeyId = "endorsed-key";
    public const string UnendorsedKeyId = "webchat-only-key";
    public const string RotatedKeyId = "rotated-key";
    public const string IssuedAccessTokenPrefix = "bot-access-token-";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (RSA Key, string[] Endorsements)> _keys = new()
    {
        [EndorsedKeyId] = (RSA.Create(2048), ["msteams"]),
        [UnendorsedKeyId] = (RSA.Create(2048), ["webchat"]),
        [RotatedKeyId] = (RSA.Create(2048), ["msteams"]),
    };

    private readonly HashSet<string> _published = [EndorsedKeyId, UnendorsedKeyId];
    private readonly List<TokenRequest> _tokenRequestLog = [];
    private readonly List<string> _unansweredRequests = [];
    private int _metadataRequests;
    private int _tokenRequests;

    public Uri MetadataUrl => new(BaseAddress, "v1/.well-known/openidconfiguration");

    /// <summary>The login URL for <c>ToChannelFromBotLoginUrl</c>; the token endpoint is below it.</summary>
    public Uri LoginUrl => LoginUrlFor("test-tenant");

    public Uri LoginUrlFor(string tenant) => new(BaseAddress, tenant);

    /// <summary>Every token request, in order, as the issuer read it.</summary>
    public IReadOnlyList<TokenRequest> TokenRequestLog
    {
        get
        {
            lock (_tokenRequestLog)
            {
                return [.. _tokenRequestLog];
            }
        }
    }

    /// <summary>Requests for paths this issuer does not serve ("GET /path"), so a test sees what a client looked for.</summary>
    public IReadOnlyList<string> UnansweredRequests
    {
        get
        {
            lock (_unansweredRequests)
            {
                return [.. _unansweredRequests];
            }
        }
    }

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);
    public int TokenRequests => Volatile.Read(ref _tokenRequests);
    public string? ExpectedClientId { get; set; }
    public string? ExpectedClientSecret { get; set; }
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Simulates the channel adding a key without notice.</summary>
    public void PublishRotatedKey()
    {
        lock (_published)
        {
            _published.Add(RotatedKeyId);
        }
    }

    /// <summary>Publishes a key under a new id, endorsed for Teams, as the channel does before it signs with it.</summary>
    public string PublishNewKey()
    {
        var keyId = "key-" + Guid.NewGuid().ToString("N");
        _keys[keyId] = (RSA.Create(2048), ["msteams"]);
        lock (_published)
        {
            _published.Add(keyId);
        }

        return keyId;
    }

    /// <summary>Takes a key out of the published set, as the channel does with a key it no longer signs with.</summary>
    public void RetireKey(string keyId)
    {
        lock (_published)
        {
            _published.Remove(keyId);
        }
    }

    public string MintToken(string audience, string serviceUrl, TokenOptions? options = null)
    {
        options ??= new TokenOptions();
        var now = options.IssuedAt ?? DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = options.Issuer ?? Issuer,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = (options.NotBefore ?? now.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
        };
        if (!options.OmitExpiry)
        {
            payload["exp"] = (options.Expires ?? now.AddMinutes(30)).ToUnixTimeSeconds();
        }

        if (options.OmitServiceUrl)
        {
            payload.Remove("serviceurl");
        }

        var keyId = options.KeyId ?? EndorsedKeyId;
        var algorithm = options.Algorithm ?? "RS256";
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = keyId };
        var signingInput = $"{Encode(header.ToJsonString())}.{Encode(payload.ToJsonString())}";
        var signature = algorithm switch
        {
            "none" => string.Empty,
            // The classic key-confusion attack: an HMAC "signed" with the RSA public key, which anyone can fetch.
            "HS256" => Base64UrlEncoder.Encode(HMACSHA256.HashData(PublicKeyBytes(keyId), Encoding.ASCII.GetBytes(signingInput))),
            _ => Base64UrlEncoder.Encode(SigningKey(keyId, _keys).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        };
        return $"{signingInput}.{signature}";
    }

    protected override X509Certificate2 Certificate => TestCertificate.Certificate;

    protected override void MapRoutes(WebApplication app)
    {
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _metadataRequests);
            return Results.Json(new
            {
                issuer = Issuer,
                authorization_endpoint = "https://invalid.example/",
                jwks_uri = new Uri(BaseAddress, "v1/.well-known/keys").AbsoluteUri,
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            });
        });
        app.MapGet("/v1/.well-known/keys", () =>
        {
            string[] published;
            lock (_published)
            {
                published = [.. _published];
            }

            return Results.Json(new { keys = published.Select(Jwk).ToArray() });
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpRequest request) =>
        {
            Interlocked.Increment(ref _tokenRequests);
            var form = await request.ReadFormAsync();
            lock (_tokenRequestLog)
            {
                _tokenRequestLog.Add(new TokenRequest(
                    tenant,
                    form["grant_type"].ToString(),
                    form["client_id"].ToString(),
                    form["client_secret"].ToString(),
                    form["scope"].ToString(),
                    request.Headers["x-client-SKU"].ToString()));
            }

            if (form["grant_type"] != "client_credentials"
                || (ExpectedClientId is not null && form["client_id"] != ExpectedClientId)
                || (ExpectedClientSecret is not null && form["client_secret"] != ExpectedClientSecret))
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            return Results.Json(new
            {
                token_type = "Bearer",
                expires_in = AccessTokenLifetimeSeconds,
                access_token = IssuedAccessTokenPrefix + TokenRequests,
                scope = form["scope"].ToString(),
            });
        });
        // MSAL's instance discovery, asked before the first token when it validates a login.microsoftonline.com
        // authority (and remembered per host for the whole process): the answer vouches for the host named in
        // authorization_endpoint, as Entra ID does for its own.
        app.MapGet("/common/discovery/instance", ([FromQuery(Name = "authorization_endpoint")] string authorizationEndpoint) =>
        {
            var authority = new Uri(authorizationEndpoint);
            var tenant = authority.Segments[1].TrimEnd('/');
            return Results.Json(new Dictionary<string, object>
            {
                ["tenant_discovery_endpoint"] = $"https://{authority.Authority}/{tenant}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new[] { new { preferred_network = authority.Authority, preferred_cache = authority.Authority, aliases = new[] { authority.Authority } } },
            });
        });
        app.MapFallback((HttpRequest request) =>
        {
            lock (_unansweredRequests)
            {
                _unansweredRequests.Add($"{request.Method} {request.Path}{request.QueryString}");
            }

            return Results.NotFound();
        });
    }

    private object Jwk(string keyId)
    {
        var (key, endorsements) = _keys[keyId];
        var parameters = key.ExportParameters(false);
        return new
        {
            kty = "RSA",
            use = "sig",
            kid = keyId,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
            endorsements,
        };
    }

    // A forger's key: never published. One per thread, so floods of forged tokens do not wait for key generation.
    private static readonly ThreadLocal<RSA> ForgerKey = new(() => RSA.Create(2048));

    private static RSA SigningKey(string keyId, System.Collections.Concurrent.ConcurrentDictionary<string, (RSA Key, string[] Endorsements)> keys) =>
        keys.TryGetValue(keyId, out var entry) ? entry.Key : ForgerKey.Value!;

    private byte[] PublicKeyBytes(string keyId) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Jwk(_keys.ContainsKey(keyId) ? keyId : EndorsedKeyId)));

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}

/// <summary>One client-credentials request as the token endpoint received it.</summary>
/// <remarks><paramref name="ClientLibrary"/> is the <c>x-client-SKU</c> header MSAL sends (e.g. <c>MSAL.NetCore</c>), empty from other clients.</remarks>
public sealed record TokenRequest(string Tenant, string GrantType, string ClientId, string ClientSecret, string Scope, string ClientLibrary);

/// <summary>How to deviate from a valid channel token.</summary>
public sealed record TokenOptions
{
    public string? Issuer { get; init; }
    public string? KeyId { get; init; }
    public string? Algorithm { get; init; }
    public DateTimeOffset? IssuedAt { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public bool OmitExpiry { get; init; }
    public bool OmitServiceUrl { get; init; }
}
