using System.Net;
using Bot.Protocol.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>
/// A source that keeps failing authentication on /api/messages is answered 429 with Retry-After before its body is
/// read, while valid Teams traffic, from anywhere and even from that same address, is served as before.
/// </summary>
public sealed class FloodTests : IAsyncLifetime
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.50");
    private static readonly IPAddress Teams = IPAddress.Parse("52.112.0.10");
    private const int Burst = 20;

    // The real figures refill 10 a second, which a test would race; here one token comes back an hour.
    private readonly BotApplication _bot = new()
    {
        TestServices = services => services.AddSingleton(new FailedAuthenticationLimiter(Burst, 1, TimeSpan.FromHours(1))),
    };

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task A_source_that_keeps_failing_is_limited_and_valid_traffic_is_not()
    {
        Assert.Equal(StatusCodes.Status200OK, (await SendValidFromAsync(Teams)).Response.StatusCode);
        for (var i = 0; i < Burst; i++)
        {
            Assert.Equal(StatusCodes.Status401Unauthorized, (await _bot.SendFromAsync(Attacker, _bot.Activities.PersonalMessage("help"), "Bearer not-a-jwt")).Response.StatusCode);
        }

        var conversationsBefore = await _bot.StoredConversationCountAsync();
        var limited = await _bot.SendFromAsync(Attacker, _bot.Activities.PersonalMessage("help"), "Bearer not-a-jwt");
        var forgedKey = await _bot.SendFromAsync(Attacker, _bot.Activities.PersonalMessage("help"), "Bearer " + _bot.TokenIssuer.MintToken(BotApplication.AppId, "https://smba.trafficmanager.net/evil/", new() { KeyId = "random-" + Guid.NewGuid() }));
        var validFromTheAttackersAddress = await SendValidFromAsync(Attacker);
        var validFromTeams = await SendValidFromAsync(Teams);
        var rotated = _bot.TokenIssuer.PublishNewKey();
        var underANewKeyFromTheAttackersAddress = await SendValidFromAsync(Attacker, rotated);

        Assert.Equal(StatusCodes.Status429TooManyRequests, limited.Response.StatusCode);
        Assert.InRange(int.Parse(limited.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        Assert.Equal(StatusCodes.Status429TooManyRequests, forgedKey.Response.StatusCode);
        // The first look, the once-a-minute refresh the forged key id may force, and one for the rotated key.
        Assert.Equal(3, _bot.TokenIssuer.MetadataRequests);
        Assert.Equal(StatusCodes.Status200OK, validFromTheAttackersAddress.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, validFromTeams.Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, underANewKeyFromTheAttackersAddress.Response.StatusCode);
        Assert.Equal(conversationsBefore + 3, await _bot.StoredConversationCountAsync());
    }

    private Task<HttpContext> SendValidFromAsync(IPAddress source, string? keyId = null)
    {
        var activity = _bot.Activities.PersonalMessage("help");
        activity.Conversation!.Id = "a:conversation-" + Guid.NewGuid().ToString("N");
        return _bot.SendFromAsync(source, activity, "Bearer " + _bot.TokenFor(activity, new() { KeyId = keyId }));
    }
}
