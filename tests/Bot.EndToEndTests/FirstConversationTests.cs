namespace Bot.EndToEndTests;

/// <summary>The first minutes with the bot, in the Teams-like Playground, as a newcomer has them after scripts/run.sh.</summary>
[Collection(PlaygroundCollection.Name)]
public sealed class FirstConversationTests(PlaygroundEnvironment environment)
{
    private const string BotName = "Social Media Bot";

    [Fact]
    public async Task Typing_help_in_personal_chat_shows_the_help_card()
    {
        var playground = await environment.OpenAsync();

        await playground.SendMessageAsync("help");

        var card = await playground.ExpectCardAsync("What I can do");
        Assert.Contains("Shows this list of commands.", await card.InnerTextAsync(), StringComparison.Ordinal);
        await SaveScreenshotAsync(playground, "playground-help.png");
    }

    [Fact]
    public async Task Installing_the_bot_into_the_team_posts_the_welcome_card_whose_button_shows_the_commands()
    {
        var playground = await environment.OpenAsync();

        // Opening a team's channel is how the Playground installs the bot into that team.
        await playground.OpenConversationAsync("Social Media - General");

        var welcome = await playground.ExpectCardAsync("Hello, I'm your social media bot");
        await playground.ClickCardButtonAsync(welcome, "Show commands");
        await playground.ExpectCardAsync("What I can do");
    }

    [Fact]
    public async Task Mentioning_the_bot_in_a_channel_post_is_answered_in_the_channel()
    {
        var playground = await environment.OpenAsync();
        await playground.OpenConversationAsync("Social Media - Redaktion");

        await playground.PostInChannelMentioningAsync(BotName, "hilfe");

        var card = await playground.ExpectCardAsync("What I can do");
        Assert.Contains("help", await card.InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>The README shows what a newcomer sees; the picture is made here, never by hand.</summary>
    private static async Task SaveScreenshotAsync(PlaygroundPage playground, string name)
    {
        var artifacts = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(artifacts);
        await playground.ScreenshotAsync(Path.Combine(artifacts, name));
        if (Environment.GetEnvironmentVariable("UPDATE_README_SCREENSHOT") == "1")
        {
            File.Copy(Path.Combine(artifacts, name), Path.Combine(PlaygroundEnvironment.RepositoryRoot, "docs", name), overwrite: true);
        }
    }
}
