using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Bot.EndToEndTests;

/// <summary>
/// The Agents Playground's UI as a person uses it. Selectors were found on Playground 0.2.28: the message box is a
/// Lexical editor, rendered cards are <c>.ac-adaptiveCard</c>, and text is matched inside cards because the left rail
/// repeats the last message as a preview.
/// </summary>
public sealed partial class PlaygroundPage(IPage page, Uri playgroundUrl, Func<string> processLog)
{
    private const string Composer = "[data-lexical-editor=\"true\"]";
    private const string Card = ".ac-adaptiveCard";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public IPage Page { get; } = page;

    public async Task WaitUntilReadyAsync()
    {
        await Page.GotoAsync(playgroundUrl.AbsoluteUri);
        await Page.Locator(Composer).First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 60_000 });
        // Written to the log panel once the Playground has reached the bot's endpoint.
        await Page.GetByText("Connected.", new() { Exact = true }).First.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
    }

    public async Task SendMessageAsync(string text)
    {
        await Page.Locator(Composer).First.ClickAsync();
        await Page.Keyboard.TypeAsync(text);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Opens a conversation in the left rail: "Personal Chat", the group chat's name, or "Team - Channel".</summary>
    public Task OpenConversationAsync(string name) =>
        Page.GetByRole(AriaRole.Treeitem, new() { Name = name }).ClickAsync();

    /// <summary>Starts a new channel post that @mentions the bot; the mention must be picked from the typeahead by click.</summary>
    public async Task PostInChannelMentioningAsync(string botName, string text)
    {
        var newPost = Page.GetByRole(AriaRole.Group).Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }) });
        await newPost.GetByRole(AriaRole.Textbox).ClickAsync();
        await Page.Keyboard.TypeAsync("@" + botName[..3]);
        await Page.GetByRole(AriaRole.Listbox, new() { Name = "Typeahead menu" })
            .GetByRole(AriaRole.Menuitem, new() { NameRegex = new Regex(Regex.Escape(botName)) })
            .First.ClickAsync();
        await Page.Keyboard.TypeAsync(" " + text);
        await Page.Keyboard.PressAsync("Enter");
    }

    public ILocator CardWithText(string text) => Page.Locator(Card, new() { HasText = text });

    public async Task<ILocator> ExpectCardAsync(string text)
    {
        var card = CardWithText(text).Last;
        await WaitWithDiagnosticsAsync(card, $"a card with \"{text}\"");
        return card;
    }

    public async Task<ILocator> ExpectCardAsync(Regex text)
    {
        var card = Page.Locator(Card, new() { HasTextRegex = text }).Last;
        await WaitWithDiagnosticsAsync(card, $"a card matching /{text}/");
        return card;
    }

    /// <summary>How many cards with <paramref name="text"/> the conversation shows now; with <see cref="ExpectCardAsync(string, int)"/> a repeat of a card is told from the earlier one.</summary>
    public Task<int> CountCardsAsync(string text) => CardWithText(text).CountAsync();

    /// <summary>The card with <paramref name="text"/> that comes after the first <paramref name="earlier"/> ones.</summary>
    public async Task<ILocator> ExpectCardAsync(string text, int earlier)
    {
        var card = CardWithText(text).Nth(earlier);
        await WaitWithDiagnosticsAsync(card, $"card number {earlier + 1} with \"{text}\"");
        return card;
    }

    /// <summary>A plain text message from the bot; matched as a paragraph, not in the left rail's preview.</summary>
    public Task ExpectMessageAsync(string text) =>
        WaitWithDiagnosticsAsync(Page.GetByRole(AriaRole.Paragraph).Filter(new() { HasText = text }).Last, $"a message \"{text}\"");

    /// <summary>When something never shows, the failure carries a screenshot and what the bot and the Playground printed.</summary>
    private async Task WaitWithDiagnosticsAsync(ILocator locator, string what)
    {
        try
        {
            await locator.WaitForAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        }
        catch (TimeoutException e)
        {
            var folder = Path.Combine(PlaygroundEnvironment.RepositoryRoot, "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            var screenshot = Path.Combine(folder, $"failure-{DateTimeOffset.UtcNow:HHmmssfff}.png");
            await Page.ScreenshotAsync(new() { Path = screenshot });
            throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}. Screenshot: {screenshot}\n{processLog()}", e);
        }
    }

    public async Task ClickCardButtonAsync(ILocator card, string buttonTitle) =>
        await card.GetByRole(AriaRole.Button, new() { Name = buttonTitle }).ClickAsync();

    public Task<byte[]> ScreenshotAsync(string path) =>
        Page.ScreenshotAsync(new() { Path = path, FullPage = false });
}
