using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Testing;

/// <summary>
/// Stands in for an Entra ID tenant's v2.0 endpoint as a Teams tab's API sees it: publishes OpenID metadata at
/// <c>/{tenant}/v2.0/.well-known/openid-configuration</c> and the JWKS it names, and mints RS256 access tokens shaped
/// like the ones <c>authentication.getAuthToken()</c> hands a tab (v2 issuer, <c>oid</c>, <c>tid</c>, <c>scp</c>).
/// Plain HTTP on loopback: the bot's tab API accepts http metadata only from a loopback authority. Keys are generated
/// at start, so nothing secret is checked in and parallel tests never share keys.
/// </summary>
public sealed class FakeEntraIssuer : LoopbackServer
{
    public const string DefaultTenantId = "9f2c4b7a-1d3e-4f50-8a6b-7c8d9e0f1a2b";
    public const string SigningKeyId = "entra-signing-key";

    private readonly RSA _signingKey = RSA.Create(2048);
    private int _metadataRequests;
    private int _keyRequests;

    /// <summary>The tenant whose issuer and metadata this server speaks for (the bot's <c>MicrosoftAppTenantId</c>).</summary>
    public string TenantId { get; init; } = DefaultTenantId;

    /// <summary>The authority for <c>Tab:Authority</c>: <c>http://127.0.0.1:port/{tenant}/v2.0</c>.</summary>
    public string Authority => new Uri(BaseAddress, $"{TenantId}/v2.0").AbsoluteUri;

    /// <summary>The v2 issuer Entra ID writes in tokens for <see cref="TenantId"/>; the metadata names this one.</summary>
    public string Issuer => IssuerFor(TenantId);

    public Uri MetadataUrl => new(BaseAddress, $"{TenantId}/v2.0/.well-known/openid-configuration");

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);
    public int KeyRequests => Volatile.Read(ref _keyRequests);

    /// <summary>The issuer this server would write for another tenant (a foreign tenant's token, signed by the same keys).</summary>
    public string IssuerFor(string tenantId) => new Uri(BaseAddress, $"{tenantId}/v2.0").AbsoluteUri;

    /// <summary>The Application ID URI a tab's app registration exposes: <c>api://{domain}/{appId}</c>.</summary>
    public static string TabAudience(string domain, string appId) => $"api://{domain}/{appId}";

    /// <summary>
    /// Mints an access token for <paramref name="objectId"/> with audience <paramref name="audience"/>; valid unless
    /// <paramref name="options"/> says how to deviate (expired, other tenant or issuer, forged signature, no oid …).
    /// </summary>
    public string MintToken(string objectId, string audience, EntraTokenOptions? options = null)
    {
        options ??= new EntraTokenOptions();
        var now = options.IssuedAt ?? DateTimeOffset.UtcNow;
        var tenant = options.TenantId ?? TenantId;
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = options.Issuer ?? IssuerFor(tenant),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = (options.NotBefore ?? now.AddMinutes(-1)).ToUnixTimeSeconds(),
            ["exp"] = (options.Expires ?? now.AddHours(1)).ToUnixTimeSeconds(),
            ["tid"] = tenant,
            ["ver"] = "2.0",
            ["scp"] = options.Scope ?? "access_as_user",
            ["azp"] = "1fec8e78-bce4-4aaf-ab1b-5451cc387264", // the Teams desktop client, pre-authorised on the tab's scope
            ["sub"] = "sub-" + objectId,
        };
        if (!options.OmitObjectId)
        {
            payload["oid"] = objectId;
        }

        if (options.Name is { } name)
        {
            payload["name"] = name;
        }

        var header = new JsonObject { ["alg"] = options.Algorithm ?? "RS256", ["typ"] = "JWT", ["kid"] = options.KeyId ?? SigningKeyId };
        var signingInput = $"{Encode(header.ToJsonString())}.{Encode(payload.ToJsonString())}";
        if (options.Algorithm == "none")
        {
            return signingInput + ".";
        }

        var key = options.Forged ? ForgerKey.Value! : _signingKey;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    protected override void MapRoutes(WebApplication app)
    {
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            Interlocked.Increment(ref _metadataRequests);
            return Results.Json(new
            {
                issuer = IssuerFor(tenant),
                authorization_endpoint = new Uri(BaseAddress, $"{tenant}/oauth2/v2.0/authorize").AbsoluteUri,
                token_endpoint = new Uri(BaseAddress, $"{tenant}/oauth2/v2.0/token").AbsoluteUri,
                jwks_uri = new Uri(BaseAddress, $"{tenant}/discovery/v2.0/keys").AbsoluteUri,
                response_types_supported = new[] { "code", "id_token", "token id_token" },
                subject_types_supported = new[] { "pairwise" },
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            });
        });
        app.MapGet("/{tenant}/discovery/v2.0/keys", () =>
        {
            Interlocked.Increment(ref _keyRequests);
            var parameters = _signingKey.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA",
                        use = "sig",
                        kid = SigningKeyId,
                        n = Base64UrlEncoder.Encode(parameters.Modulus),
                        e = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });
        app.MapFallback(() => Results.NotFound());
    }

    // A forger's key: never published. One per thread, so many forged tokens do not wait for key generation.
    private static readonly ThreadLocal<RSA> ForgerKey = new(() => RSA.Create(2048));

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}

/// <summary>How to deviate from a valid Entra ID access token.</summary>
public sealed record EntraTokenOptions
{
    /// <summary>The <c>tid</c> claim and, unless <see cref="Issuer"/> is set, the tenant in the issuer.</summary>
    public string? TenantId { get; init; }
    public string? Issuer { get; init; }
    public string? Name { get; init; }
    public string? Scope { get; init; }
    public string? KeyId { get; init; }
    /// <summary>"none" leaves the signature empty.</summary>
    public string? Algorithm { get; init; }
    public DateTimeOffset? IssuedAt { get; init; }
    public DateTimeOffset? NotBefore { get; init; }
    public DateTimeOffset? Expires { get; init; }
    public bool OmitObjectId { get; init; }
    /// <summary>Signed with a key the issuer never published.</summary>
    public bool Forged { get; init; }
}
