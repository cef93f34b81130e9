using Bot.Protocol.Authentication;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Protocol.Tests;

/// <summary>
/// A token that passed is honoured again without the signature check, but only the very same token, only with an
/// activity it fits, only until shortly before it expires, and only while its signing key is still published.
/// </summary>
public sealed class ValidatedTokenCacheTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expires = Now.AddMinutes(30);
    private readonly FakeChannelTokenIssuer _issuer = new();
    private readonly FakeTimeProvider _time = new(Now);
    private ServiceProvider _services = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        await _issuer.StartAsync();
        _services = ProtocolServices.ValidatingAgainst(_issuer, AppId, _time);
        _token = _issuer.MintToken(AppId, ServiceUrl, new TokenOptions { IssuedAt = Now, Expires = Expires });
        Assert.True((await Validate(_token)).Succeeded);
        Assert.NotNull(Cache.Find(_token));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private ValidatedTokenCache Cache => _services.GetRequiredService<ValidatedTokenCache>();

    private Task<ChannelAuthenticationResult> Validate(string token, string serviceUrl = ServiceUrl, string channelId = "msteams") =>
        _services.GetRequiredService<ChannelTokenValidator>().AuthenticateAsync(
            "Bearer " + token,
            new Activity { Type = "message", ChannelId = channelId, ServiceUrl = serviceUrl },
            CancellationToken.None);

    [Fact]
    public async Task The_same_token_again_is_accepted_from_the_cache_with_the_channel_identity()
    {
        var result = await Validate(_token);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ServiceUrl, result.Identity!.FindFirst(ChannelTokenValidator.ServiceUrlClaim)!.Value);
        Assert.Equal(1, Cache.Count);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("payload")]
    [InlineData("header")]
    public async Task A_cached_token_changed_in_one_character_is_refused(string part)
    {
        var parts = _token.Split('.');
        var index = part switch { "header" => 0, "payload" => 1, _ => 2 };

        // The middle of a part: the last character of a base64url part may carry only padding bits.
        var chars = parts[index].ToCharArray();
        var middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        parts[index] = new string(chars);
        var changed = string.Join('.', parts);

        Assert.Null(Cache.Find(changed));
        Assert.False((await Validate(changed)).Succeeded);
        Assert.Null(Cache.Find(changed));
    }

    [Fact]
    public async Task A_cached_token_with_another_service_url_is_refused()
    {
        var result = await Validate(_token, serviceUrl: "https://attacker.example/");

        Assert.False(result.Succeeded);
        Assert.Contains("serviceurl", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_token_on_an_activity_of_a_channel_its_key_is_not_endorsed_for_is_refused()
    {
        var result = await Validate(_token, channelId: "webchat");

        Assert.False(result.Succeeded);
        Assert.Contains("endorsed", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cached_token_leaves_the_cache_five_minutes_before_it_expires_and_is_refused_once_expired()
    {
        _time.SetUtcNow(Expires - ValidatedTokenCache.ExpiryMargin - TimeSpan.FromSeconds(1));
        Assert.NotNull(Cache.Find(_token));

        _time.SetUtcNow(Expires - ValidatedTokenCache.ExpiryMargin);
        Assert.Null(Cache.Find(_token));

        // Past expiry and the validation's five minutes of skew, the full check refuses it, and nothing cached helps.
        _time.SetUtcNow(Expires + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.False((await Validate(_token)).Succeeded);
    }

    [Fact]
    public async Task A_token_close_to_its_expiry_is_checked_in_full_every_time()
    {
        var late = _issuer.MintToken(AppId, ServiceUrl, new TokenOptions { IssuedAt = Now, Expires = Now.AddMinutes(4) });

        Assert.True((await Validate(late)).Succeeded);
        Assert.Null(Cache.Find(late));
    }

    [Fact]
    public async Task A_cached_token_whose_key_the_channel_retired_is_refused_after_the_next_refresh()
    {
        _time.Advance(TimeSpan.FromMinutes(2));
        _issuer.PublishRotatedKey();
        _issuer.RetireKey(FakeChannelTokenIssuer.EndorsedKeyId);
        var rotated = _issuer.MintToken(AppId, ServiceUrl, new TokenOptions { KeyId = FakeChannelTokenIssuer.RotatedKeyId, IssuedAt = _time.GetUtcNow() });
        Assert.True((await Validate(rotated)).Succeeded);

        Assert.Null(Cache.Find(_token));
        Assert.False((await Validate(_token)).Succeeded);
    }

    [Fact]
    public async Task A_refresh_that_brings_the_same_keys_keeps_the_cached_tokens()
    {
        _time.Advance(TimeSpan.FromMinutes(2));
        var forged = _issuer.MintToken(AppId, ServiceUrl, new TokenOptions { KeyId = "random-key", IssuedAt = _time.GetUtcNow() });
        var metadataRequests = _issuer.MetadataRequests;
        Assert.False((await Validate(forged)).Succeeded);
        Assert.Equal(metadataRequests + 1, _issuer.MetadataRequests);

        Assert.NotNull(Cache.Find(_token));
        Assert.True((await Validate(_token)).Succeeded);
    }

    [Fact]
    public async Task The_limiter_check_without_the_body_accepts_a_cached_token_and_refuses_a_changed_one()
    {
        var validator = _services.GetRequiredService<ChannelTokenValidator>();
        var changed = _token[..^20] + (_token[^20] == 'A' ? 'B' : 'A') + _token[^19..];

        Assert.True(await validator.VerifiesWithoutBodyAsync("Bearer " + _token, CancellationToken.None));
        Assert.False(await validator.VerifiesWithoutBodyAsync("Bearer " + changed, CancellationToken.None));
    }
}
