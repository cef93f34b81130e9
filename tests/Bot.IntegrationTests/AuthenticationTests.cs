using System.Net;
using Bot.Testing;

namespace Bot.IntegrationTests;

/// <summary>Every request to /api/messages is checked before anything runs; a refused one changes nothing.</summary>
public sealed class AuthenticationTests(BotApplication bot) : IClassFixture<BotApplication>
{
    public static TheoryData<string> ForgedTokens() =>
    [
        "expired", "not yet valid", "no exp claim", "wrong audience", "wrong issuer", "unknown key", "alg none",
        "HS256 signed with the public key", "key not endorsed for msteams", "serviceurl claim differs", "no serviceurl claim",
    ];

    [Fact]
    public async Task Valid_channel_token_is_accepted_and_the_reply_goes_out_with_the_bots_own_token()
    {
        var activity = bot.Activities.PersonalMessage("help");

        var response = await bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = bot.Connector.Calls.Single(call => call.ConversationId == activity.Conversation!.Id && call.Activity!.ReplyToId is null);
        Assert.StartsWith("Bearer " + FakeChannelTokenIssuer.IssuedAccessTokenPrefix, reply.Authorization, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_or_wrong_token_gets_401_and_changes_nothing(string forgery)
    {
        var activity = bot.Activities.PersonalMessage("help");
        activity.Conversation!.Id = "a:conversation-of-" + forgery.Replace(' ', '-');
        var now = DateTimeOffset.UtcNow;
        var token = forgery switch
        {
            "expired" => bot.TokenFor(activity, new TokenOptions { IssuedAt = now.AddHours(-2), NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-6) }),
            "not yet valid" => bot.TokenFor(activity, new TokenOptions { NotBefore = now.AddMinutes(6), Expires = now.AddHours(1) }),
            "no exp claim" => bot.TokenFor(activity, new TokenOptions { OmitExpiry = true }),
            "wrong audience" => bot.TokenIssuer.MintToken("some-other-bot", activity.ServiceUrl!),
            "wrong issuer" => bot.TokenFor(activity, new TokenOptions { Issuer = "https://sts.windows.net/evil/" }),
            "unknown key" => bot.TokenFor(activity, new TokenOptions { KeyId = "a-key-nobody-published" }),
            "alg none" => bot.TokenFor(activity, new TokenOptions { Algorithm = "none" }),
            "HS256 signed with the public key" => bot.TokenFor(activity, new TokenOptions { Algorithm = "HS256" }),
            "key not endorsed for msteams" => bot.TokenFor(activity, new TokenOptions { KeyId = FakeChannelTokenIssuer.UnendorsedKeyId }),
            "serviceurl claim differs" => bot.TokenIssuer.MintToken(BotApplication.AppId, "https://smba.trafficmanager.net/evil/"),
            "no serviceurl claim" => bot.TokenFor(activity, new TokenOptions { OmitServiceUrl = true }),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        await AssertRefusedWithoutSideEffects(activity, "Bearer " + token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Missing_or_malformed_authorization_header_gets_401(string? header)
    {
        var activity = bot.Activities.PersonalMessage("help");
        activity.Conversation!.Id = "a:conversation-header-" + (header ?? "none").GetHashCode(StringComparison.Ordinal);

        await AssertRefusedWithoutSideEffects(activity, header);
    }

    [Fact]
    public async Task A_token_for_a_different_service_url_cannot_be_replayed()
    {
        var activity = bot.Activities.PersonalMessage("help");
        var token = bot.TokenFor(activity);
        activity.ServiceUrl = "https://attacker.example/";
        activity.Conversation!.Id = "a:replayed";

        await AssertRefusedWithoutSideEffects(activity, "Bearer " + token);
    }

    [Fact]
    public async Task A_token_accepted_once_is_refused_when_changed_in_one_character_or_sent_for_another_service_url()
    {
        var accepted = bot.Activities.PersonalMessage("help");
        accepted.Conversation!.Id = "a:conversation-with-a-cached-token";
        var token = bot.TokenFor(accepted);
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(accepted, "Bearer " + token)).StatusCode);
        var again = bot.Activities.PersonalMessage("help");
        again.Conversation!.Id = accepted.Conversation.Id;
        Assert.Equal(HttpStatusCode.OK, (await bot.SendAsync(again, "Bearer " + token)).StatusCode);

        // Mid-signature: the last character of a base64url part may carry only padding bits.
        var at = token.Length - 40;
        var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        var tampered = bot.Activities.PersonalMessage("help");
        tampered.Conversation!.Id = "a:conversation-with-a-changed-cached-token";
        await AssertRefusedWithoutSideEffects(tampered, "Bearer " + changed);

        var replayed = bot.Activities.PersonalMessage("help");
        replayed.ServiceUrl = "https://attacker.example/";
        replayed.Conversation!.Id = "a:cached-token-replayed";
        await AssertRefusedWithoutSideEffects(replayed, "Bearer " + token);
    }

    private async Task AssertRefusedWithoutSideEffects(Bot.Protocol.Schema.Activity activity, string? authorization)
    {
        var callsBefore = bot.Connector.Attempts;

        var response = await bot.SendAsync(activity, authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(callsBefore, bot.Connector.Attempts);
        var stored = await bot.WithDatabaseAsync(db => Task.FromResult(db.Conversations.Any(c => c.ConversationId == activity.Conversation!.Id)));
        Assert.False(stored);
    }
}
