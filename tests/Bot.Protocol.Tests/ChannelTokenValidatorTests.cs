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
        _services = ProtocolServices.Build(
            new()
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = "secret",
                ["MicrosoftAppTenantId"] = "tenant",
                ["ToBotFromChannelOpenIdMetadataUrl"] = _issuer.MetadataUrl.AbsoluteUri,
            },
            _time);
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
