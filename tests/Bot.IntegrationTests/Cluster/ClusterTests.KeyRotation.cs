using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Protocol.Authentication;
using Bot.Protocol.Schema;
using Bot.Testing;

namespace Bot.IntegrationTests.Cluster;

public sealed partial class ClusterTests
{
    /// <summary>
    /// Each instance keeps its own signing keys: two rotations within a minute, valid and forged requests alternating
    /// between the instances, every valid one 200 from its first request under a new key, every forged one 401, and
    /// the metadata endpoint asked a bounded number of times by the two together.
    /// </summary>
    [Fact]
    public async Task Two_key_rotations_within_a_minute_cost_no_valid_turn_on_either_instance()
    {
        var (first, second) = await StartTwoAsync();
        BotProcess[] bots = [first, second];
        var before = _issuer.MetadataRequests;
        var started = DateTimeOffset.UtcNow;
        var forged = new List<HttpStatusCode>();
        var valid = new List<HttpStatusCode>();

        async Task RoundAsync(string? keyId)
        {
            foreach (var bot in bots)
            {
                valid.Add(await SendWithKeyAsync(bot, keyId));
                forged.Add(await SendWithKeyAsync(bot, "forged-" + Guid.NewGuid().ToString("N")));
            }
        }

        await RoundAsync(keyId: null);
        var rotated = _issuer.PublishNewKey();
        await RoundAsync(rotated);
        _issuer.RetireKey(FakeChannelTokenIssuer.EndorsedKeyId);
        await RoundAsync(rotated);
        await Task.Delay(1000);
        var rotatedAgain = _issuer.PublishNewKey();
        await RoundAsync(rotatedAgain);
        _issuer.RetireKey(rotated);
        await RoundAsync(rotatedAgain);
        var elapsed = DateTimeOffset.UtcNow - started;

        Assert.True(elapsed < TimeSpan.FromMinutes(1), $"The rotations took {elapsed}.");
        Assert.All(valid, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(forged, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        // Per instance: the first look, then at most one refresh per spacing interval, and one slack for rounding.
        var bound = 2 * (2 + (int)Math.Ceiling(elapsed / ChannelSigningKeyCache.NewKeyRefreshSpacing));
        Assert.InRange(_issuer.MetadataRequests - before, 4, bound);
    }

    private async Task<HttpStatusCode> SendWithKeyAsync(BotProcess bot, string? keyId)
    {
        var activity = Activities.PersonalMessage("help");
        activity.Conversation!.Id = "a:rotation-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot.BaseAddress, "api/messages"))
        {
            Content = new StringContent(activity.ToJson(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _issuer.MintToken(AppId, activity.ServiceUrl!, new TokenOptions { KeyId = keyId }));
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }
}
