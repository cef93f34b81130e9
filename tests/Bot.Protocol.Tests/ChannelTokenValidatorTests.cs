using Bot.Protocol.Authentication;
using Bot.Protocol.Schema;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Protocol.Tests;

/// <summary>
/// The validator against a local server publishing real OpenID metadata and keys. The full 401 matrix runs end to end
/// in the integration tests; these pin the time and key-refresh rules precisely.
/// </summary>
public sealed class ChannelTokenValidatorTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeChannelTokenIssuer _issuer = new();
    private readonly FakeTimeProvider _time = new(Now);
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _issuer.StartAsync();
        _services = ProtocolServices.ValidatingAgainst(_issuer, AppId, _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private ChannelTokenValidator Validator => _services.GetRequiredService<ChannelTokenValidator>();

    private static Activity Activity => new() { Type = "message", ChannelId = "msteams", ServiceUrl = ServiceUrl };

    private Task<ChannelAuthenticationResult> Validate(TokenOptions options) =>
        Validator.AuthenticateAsync("Bearer " + _issuer.MintToken(AppId, ServiceUrl, options with { IssuedAt = options.IssuedAt ?? Now }), Activity, CancellationToken.None);

    [Fact]
    public async Task Valid_token_yields_the_channel_identity()
    {
        var result = await Validate(new TokenOptions());

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(ServiceUrl, result.Identity!.FindFirst("serviceurl")!.Value);
    }

    [Fact]
    public async Task Expiry_allows_five_minutes_of_clock_skew_and_not_a_second_more()
    {
        var expires = Now.AddMinutes(10);
        _time.SetUtcNow(expires.AddMinutes(5).AddSeconds(-1));
        Assert.True((await Validate(new TokenOptions { Expires = expires })).Succeeded);

        _time.SetUtcNow(expires.AddMinutes(5).AddSeconds(1));
        Assert.False((await Validate(new TokenOptions { Expires = expires })).Succeeded);
    }

    [Fact]
    public async Task Not_before_allows_five_minutes_of_clock_skew()
    {
        Assert.True((await Validate(new TokenOptions { NotBefore = Now.AddMinutes(4) })).Succeeded);
        Assert.False((await Validate(new TokenOptions { NotBefore = Now.AddMinutes(6) })).Succeeded);
    }

    [Fact]
    public async Task Token_without_expiry_is_refused()
    {
        var result = await Validate(new TokenOptions { OmitExpiry = true });

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Unknown_key_triggers_exactly_one_metadata_refresh()
    {
        await Validate(new TokenOptions());
        var before = _issuer.MetadataRequests;

        var result = await Validate(new TokenOptions { KeyId = "key-nobody-published" });

        Assert.False(result.Succeeded);
        Assert.Equal(before + 1, _issuer.MetadataRequests);
    }

    [Fact]
    public async Task A_flood_of_unknown_keys_refreshes_at_most_once_a_minute()
    {
        await Validate(new TokenOptions());
        var before = _issuer.MetadataRequests;

        for (var i = 0; i < 5; i++)
        {
            await Validate(new TokenOptions { KeyId = $"random-{i}" });
        }

        Assert.Equal(before + 1, _issuer.MetadataRequests);
        _time.Advance(TimeSpan.FromMinutes(1));
        await Validate(new TokenOptions { KeyId = "random-after-a-minute" });
        Assert.Equal(before + 2, _issuer.MetadataRequests);
    }

    [Fact]
    public async Task A_key_added_by_the_channel_is_picked_up_on_first_use()
    {
        Assert.True((await Validate(new TokenOptions())).Succeeded);
        _time.Advance(TimeSpan.FromMinutes(2));
        _issuer.PublishRotatedKey();

        var result = await Validate(new TokenOptions { KeyId = FakeChannelTokenIssuer.RotatedKeyId, IssuedAt = _time.GetUtcNow() });

        Assert.True(result.Succeeded, result.FailureReason);
    }

    [Fact]
    public async Task Keys_are_cached_for_a_day_then_refreshed()
    {
        await Validate(new TokenOptions());
        await Validate(new TokenOptions());
        Assert.Equal(1, _issuer.MetadataRequests);

        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await Validate(new TokenOptions { IssuedAt = _time.GetUtcNow() });

        Assert.Equal(2, _issuer.MetadataRequests);
    }
}

/// <summary>
/// Key rotation against the local metadata server on a fake clock: a new key is served from its first request even
/// right after another refresh, random key ids neither spend that budget nor multiply fetches, and waiters share one.
/// </summary>
public sealed class SigningKeyRotationTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private readonly FakeChannelTokenIssuer _issuer = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _issuer.StartAsync();
        _services = ProtocolServices.ValidatingAgainst(_issuer, AppId, _time);
        Assert.True((await Validate()).Succeeded);
        _time.Advance(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private Task<ChannelAuthenticationResult> Validate(string? keyId = null) =>
        _services.GetRequiredService<ChannelTokenValidator>().AuthenticateAsync(
            "Bearer " + _issuer.MintToken(AppId, ServiceUrl, new TokenOptions { KeyId = keyId, IssuedAt = _time.GetUtcNow() }),
            new Activity { Type = "message", ChannelId = "msteams", ServiceUrl = ServiceUrl },
            CancellationToken.None);

    [Fact]
    public async Task Two_new_keys_within_a_minute_are_each_served_from_their_first_request()
    {
        var first = _issuer.PublishNewKey();
        Assert.True((await Validate(first)).Succeeded);
        _time.Advance(TimeSpan.FromSeconds(10));
        var second = _issuer.PublishNewKey();
        _issuer.RetireKey(first);

        var result = await Validate(second);

        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(3, _issuer.MetadataRequests);
    }

    [Fact]
    public async Task A_new_key_right_after_a_refresh_forced_by_a_random_key_id_waits_for_the_next_slot_and_succeeds()
    {
        Assert.False((await Validate("random-" + Guid.NewGuid())).Succeeded);
        Assert.Equal(2, _issuer.MetadataRequests);
        _time.Advance(TimeSpan.FromSeconds(1));
        var rotated = _issuer.PublishNewKey();

        var valid = Validate(rotated);
        var forged = Enumerable.Range(0, 50).Select(_ => Validate("random-" + Guid.NewGuid())).ToList();
        await Task.Delay(200);
        Assert.False(valid.IsCompleted, "The refresh budget of the next few seconds was spent: the new key waits for the next slot.");
        _time.Advance(ChannelSigningKeyCache.NewKeyRefreshSpacing);

        var result = await valid.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.All(await Task.WhenAll(forged).WaitAsync(TimeSpan.FromSeconds(20)), r => Assert.False(r.Succeeded));
        Assert.Equal(3, _issuer.MetadataRequests);
    }

    [Fact]
    public async Task Concurrent_lookups_of_unknown_keys_share_one_fetch()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Validate("random-" + Guid.NewGuid())));

        Assert.All(results, r => Assert.False(r.Succeeded));
        Assert.Equal(2, _issuer.MetadataRequests);
    }

    [Fact]
    public async Task A_forged_key_id_costs_one_fetch_however_often_it_is_sent_with_a_fresh_issue_time()
    {
        const string forged = "looks-like-a-new-key";
        for (var i = 0; i < 5; i++)
        {
            Assert.False((await Validate(forged)).Succeeded);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(2, _issuer.MetadataRequests);
    }

    [Fact]
    public async Task A_token_that_could_never_pass_costs_no_fetch()
    {
        var token = _issuer.MintToken("someone-else", ServiceUrl, new TokenOptions { KeyId = "random-" + Guid.NewGuid(), IssuedAt = _time.GetUtcNow() });

        var result = await _services.GetRequiredService<ChannelTokenValidator>().AuthenticateAsync(
            "Bearer " + token, new Activity { Type = "message", ChannelId = "msteams", ServiceUrl = ServiceUrl }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(1, _issuer.MetadataRequests);
    }
}
