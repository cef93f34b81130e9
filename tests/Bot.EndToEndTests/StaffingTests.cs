namespace Bot.EndToEndTests;

/// <summary>
/// A coordinator staffs a social channel and looks at the overview, in the Playground's Teams channel view. It has a
/// bot and Playground of its own, so that installing into the team happens here first, whatever runs elsewhere.
/// </summary>
[Collection(StaffingPlaygroundCollection.Name)]
public sealed class StaffingTests(PlaygroundEnvironment environment)
{
    private const string BotName = "Social Media Bot";

    [Fact]
    public async Task The_installing_coordinator_adds_an_account_assigns_a_colleague_and_sees_the_overview()
    {
        var playground = await environment.OpenAsync();
        // Opening the team's channel installs the bot there, which makes the current user (Anna) the coordinator; the
        // welcome card is sent after that, so once it shows, Anna may staff the team.
        await playground.OpenConversationAsync("Social Media - General");
        await playground.ExpectCardAsync("Hello, I'm your social media bot");

        await playground.PostInChannelMentioningAsync(BotName, "add account instagram @contoso_de");
        await playground.ExpectMessageAsync("Added Instagram @contoso_de.");
        await playground.PostInChannelMentioningAsync(BotName, "assign Ben Wagner instagram");
        await playground.ExpectMessageAsync("Ben Wagner now owns Instagram @contoso_de.");
        await playground.PostInChannelMentioningAsync(BotName, "who");

        var overview = await playground.ExpectCardAsync("Who looks after what");
        var text = await overview.InnerTextAsync();
        Assert.Contains("@contoso_de", text, StringComparison.Ordinal);
        Assert.Contains("Ben Wagner", text, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class StaffingPlaygroundCollection : ICollectionFixture<PlaygroundEnvironment>
{
    public const string Name = "Agents Playground for staffing";
}
