using Microsoft.Playwright;

namespace Bot.EndToEndTests;

/// <summary>
/// Drafting and submitting a post through the rendered cards in the Playground, as the team's coordinator: the draft
/// form, the draft card with its platform checks, and the approval card in the team's channel.
/// </summary>
[Collection(ReviewPlaygroundCollection.Name)]
public sealed class ReviewFlowTests(PlaygroundEnvironment environment)
{
    private const string BotName = "Social Media Bot";

    [Fact]
    public async Task A_draft_made_from_the_form_is_submitted_and_its_approval_card_appears_in_the_channel()
    {
        var playground = await environment.OpenAsync();
        await playground.OpenConversationAsync("Social Media - General");
        await playground.ExpectCardAsync("Hello, I'm your social media bot");
        await playground.PostInChannelMentioningAsync(BotName, "add account linkedin contoso-gmbh");
        await playground.ExpectMessageAsync("Added LinkedIn contoso-gmbh.");
        await playground.PostInChannelMentioningAsync(BotName, "assign Ben Wagner linkedin");
        await playground.ExpectMessageAsync("Ben Wagner now owns LinkedIn contoso-gmbh.");

        await playground.PostInChannelMentioningAsync(BotName, "new post");
        var form = await playground.ExpectCardAsync("New post");
        await form.GetByLabel("Working title").FillAsync("Winterkampagne");
        await form.GetByLabel("Post text (the start for every social channel)").FillAsync("Warm durch den Winter mit Contoso.");
        await form.GetByText("LinkedIn contoso-gmbh").First.ClickAsync();
        await playground.ClickCardButtonAsync(form, "Create draft");

        var draft = await playground.ExpectCardAsync("Draft: Winterkampagne");
        await playground.ClickCardButtonAsync(draft, "Submit for review");

        var approval = await playground.ExpectCardAsync("Review: Winterkampagne");
        var text = await approval.InnerTextAsync();
        Assert.Contains("Ben Wagner", text, StringComparison.Ordinal);
        Assert.Contains("Warm durch den Winter mit Contoso.", text, StringComparison.Ordinal);

        // Ben, the owner of the social channel, approves as himself: the shared card changes in place for Anna too.
        await playground.PostInChannelMentioningAsync(BotName, "role Ben Wagner reviewer");
        await playground.ExpectMessageAsync("Ben Wagner is now reviewer in this team.");
        await environment.SendCustomActivityAsync(GeneralChannelId, activity => ApproveAsBen(activity, SinglePostId()));

        await playground.ExpectCardAsync("Approved by Ben Wagner");
    }

    private const string GeneralChannelId = "19:social-media-general@thread.tacv2";

    private string SinglePostId()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={environment.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Posts";
        return Guid.Parse((string)command.ExecuteScalar()!).ToString("D");
    }

    private static System.Text.Json.Nodes.JsonObject ApproveAsBen(System.Text.Json.Nodes.JsonObject activity, string postId)
    {
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["text"] = null;
        activity["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "29:user-ben", ["name"] = "Ben Wagner", ["aadObjectId"] = "6d2f6a8e-2f1e-4a71-9a4e-0f1a2b3c4d02" };
        activity["value"] = new System.Text.Json.Nodes.JsonObject
        {
            ["action"] = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = "post.approve",
                ["data"] = new System.Text.Json.Nodes.JsonObject { ["postId"] = postId, ["revision"] = "1" },
            },
            ["trigger"] = "manual",
        };
        return activity;
    }
}

[CollectionDefinition(Name)]
public sealed class ReviewPlaygroundCollection : ICollectionFixture<PlaygroundEnvironment>
{
    public const string Name = "Agents Playground for the review flow";
}
