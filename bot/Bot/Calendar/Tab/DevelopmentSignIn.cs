using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Calendar.Tab;

/// <summary>
/// Local development without an Entra app (no <c>MicrosoftAppId</c>): the tab's page picks one of the people the bot
/// knows and gets a short-lived token for them. The key is made per process and never leaves it, so a token is worth
/// nothing to another process or after a restart; the scheme that accepts it exists only in this mode, on loopback.
/// </summary>
public sealed class DevelopmentSignIn(TimeProvider timeProvider)
{
    public const string Issuer = "urn:social-media-bot:tab-development";
    public const string Audience = "urn:social-media-bot:tab";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public SecurityKey Key { get; } = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "development" };

    public string TokenFor(string aadObjectId, string? name)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new List<Claim> { new("oid", aadObjectId) };
        if (name is { Length: > 0 })
        {
            claims.Add(new Claim("name", name));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
