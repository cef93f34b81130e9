using Microsoft.Playwright;

namespace Bot.EndToEndTests;

/// <summary>
/// The whole review round through the rendered cards in the Playground: the coordinator drafts from the form and
/// submits, the owner of the social channel (acting as himself through the Playground's custom activities) asks for
/// changes, the author edits on the card and resubmits, the owner approves, and the shared card shows the final state.
/// </summary>
[Collection(ReviewPlaygroundCollection.Name)]
public sealed class ReviewFlowTests(PlaygroundEnvironment environment)
{
    private const string BotName = "Social Media Bot";

    [Fact]
    public async Task A_post_goes_through_changes_requested_edit_and_approval_and_the_channel_card_shows_the_final_state()
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

        // Ben, the owner of the social channel, decides as himself: the shared card changes in place for Anna too.
        await playground.PostInChannelMentioningAsync(BotName, "role Ben Wagner reviewer");
        await playground.ExpectMessageAsync("Ben Wagner is now reviewer in this team.");
        var postId = SinglePostId();
        await environment.SendCustomActivityAsync(GeneralChannelId, activity => AsBen(activity, "post.requestChanges", postId, revision: 1, comment: "Bitte mit Datum."));
        await playground.ExpectCardAsync("Changes requested by Ben Wagner");

        // The author opens the post again, edits the text on the card and resubmits it as revision 2.
        await playground.PostInChannelMentioningAsync(BotName, "show " + postId.Replace("-", string.Empty, StringComparison.Ordinal)[^8..]);
        await EditOnTheCardAsync(playground, "Changes requested: Winterkampagne", "Post text (the start for every social channel)", "Warm durch den Winter mit Contoso, ab 1. Dezember.");
        var saved = await playground.ExpectCardAsync("Changes saved.");
        await playground.ClickCardButtonAsync(saved, "Submit for review");
        await playground.ExpectCardAsync("Changed since revision 1");

        await environment.SendCustomActivityAsync(GeneralChannelId, activity => AsBen(activity, "post.approve", postId, revision: 2));

        var final = await playground.ExpectCardAsync("Approved by Ben Wagner");
        var finalText = await final.InnerTextAsync();
        Assert.Contains("Warm durch den Winter mit Contoso, ab 1. Dezember.", finalText, StringComparison.Ordinal);
        Assert.Contains("Changes requested by Ben Wagner", finalText, StringComparison.Ordinal);
        Assert.DoesNotContain("Request changes", finalText, StringComparison.Ordinal);
    }

    private const string GeneralChannelId = "19:social-media-general@thread.tacv2";

    /// <summary>
    /// Opens the card's Edit, fills one box and saves. The Playground sometimes renders the conversation again right
    /// after a card arrives, which collapses an opened Edit and drops what was typed; then it is done once more.
    /// </summary>
    private static async Task EditOnTheCardAsync(PlaygroundPage playground, string cardText, string label, string value)
    {
        for (var attempt = 1; ; attempt++)
        {
            var card = await playground.ExpectCardAsync(cardText);
            try
            {
                var save = card.GetByRole(AriaRole.Button, new() { Name = "Save changes" });
                if (!await save.IsVisibleAsync())
                {
                    await playground.ClickCardButtonAsync(card, "Edit");
                }

                await card.GetByLabel(label).FillAsync(value, new() { Timeout = 5_000 });
                await save.ClickAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 4)
            {
                await playground.ScreenshotAsync(Path.Combine(PlaygroundEnvironment.RepositoryRoot, "artifacts", "screenshots", $"edit-attempt-{attempt}.png"));
            }
        }
    }

    private string SinglePostId()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={environment.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Posts";
        return Guid.Parse((string)command.ExecuteScalar()!).ToString("D");
    }

    private static System.Text.Json.Nodes.JsonObject AsBen(System.Text.Json.Nodes.JsonObject activity, string verb, string postId, int revision, string? comment = null)
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
                ["verb"] = verb,
                ["data"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["postId"] = postId,
                    ["revision"] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["comment"] = comment,
                },
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
