using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bot.Protocol.Authentication;
using Bot.Testing;

namespace Bot.IntegrationTests;

/// <summary>
/// The channel rotates its signing keys twice within a minute while valid turns and forged tokens with random key ids
/// interleave on /api/messages: every valid turn is answered 200 from the first request under a new key, every forged
/// one 401, and the metadata endpoint is asked a bounded number of times. Real time, real database (SQLite, and
/// PostgreSQL in the second pass of scripts/test.sh).
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly BotApplication _bot = new();

    public Task InitializeAsync() => _bot.InitializeAsync();

    Task IAsyncLifetime.DisposeAsync() => ((IAsyncLifetime)_bot).DisposeAsync();

    [Fact]
    public async Task Two_rotations_within_a_minute_under_a_flood_of_random_key_ids_cost_no_valid_turn()
    {
        Assert.Equal(HttpStatusCode.OK, await SendValidAsync(keyId: null));
        var stopwatch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var forgers = Enumerable.Range(0, 16).Select(_ => ForgeUntilAsync(stop.Token)).ToList();
        await Task.Delay(300);

        var first = _bot.TokenIssuer.PublishNewKey();
        Assert.Equal(HttpStatusCode.OK, await SendValidAsync(first));
        _bot.TokenIssuer.RetireKey(FakeChannelTokenIssuer.EndorsedKeyId);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendValidAsync(first));
        }

        await Task.Delay(1500);
        var second = _bot.TokenIssuer.PublishNewKey();
        Assert.Equal(HttpStatusCode.OK, await SendValidAsync(second));
        _bot.TokenIssuer.RetireKey(first);
        Assert.Equal(HttpStatusCode.OK, await SendValidAsync(second));
        await Task.Delay(300);
        await stop.CancelAsync();
        var forged = (await Task.WhenAll(forgers)).SelectMany(statuses => statuses).ToList();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(1), $"Both rotations should fit in a minute; took {stopwatch.Elapsed}.");
        // A forged token that might carry a new key waits for the next refresh slot like a valid one, so each forger
        // gets through only a few in the time the rotations take.
        Assert.True(forged.Count >= 32, $"Only {forged.Count} forged requests were sent.");
        Assert.All(forged, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        // The first fetch, then at most one per spacing interval while the flood lasted, and one slack for rounding.
        var bound = 2 + (int)Math.Ceiling(stopwatch.Elapsed / ChannelSigningKeyCache.NewKeyRefreshSpacing);
        Assert.InRange(_bot.TokenIssuer.MetadataRequests, 3, bound);
    }

    private async Task<HttpStatusCode> SendValidAsync(string? keyId)
    {
        var activity = _bot.Activities.PersonalMessage("help");
        using var response = await _bot.SendAsync(activity, "Bearer " + _bot.TokenFor(activity, new TokenOptions { KeyId = keyId }));
        return response.StatusCode;
    }

    /// <summary>Valid-looking tokens (our audience, live, right serviceurl) under random key ids, signed by a key nobody published.</summary>
    private async Task<List<HttpStatusCode>> ForgeUntilAsync(CancellationToken stop)
    {
        var statuses = new List<HttpStatusCode>();
        using var client = _bot.CreateClient();
        while (!stop.IsCancellationRequested)
        {
            var activity = _bot.Activities.PersonalMessage("help");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = new StringContent(activity.ToJson(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bot.TokenFor(activity, new TokenOptions { KeyId = "forged-" + Guid.NewGuid().ToString("N") }));
            using var response = await client.SendAsync(request, CancellationToken.None);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
