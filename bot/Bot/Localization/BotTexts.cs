using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Bot.Localization;

/// <summary>
/// Every text the bot shows, from Resources/Strings(.de).resx, in one language. One property per resource key, so a
/// missing key is a compile error here and a test compares the two files.
/// </summary>
public sealed class BotTexts(CultureInfo culture)
{
    private static readonly ResourceManager Resources = new("Bot.Localization.Resources.Strings", typeof(BotTexts).Assembly);

    public CultureInfo Culture { get; } = culture;

    public string WelcomeTitle => Get();
    public string WelcomeIntro => Get();
    public string WelcomeGetStarted => Get();
    public string ShowCommandsButton => Get();
    public string HelpTitle => Get();
    public string HelpIntro => Get();
    public string HelpCommandsHeading => Get();
    public string CommandHelpDescription => Get();
    public string UnknownCardAction => Get();
    public string TurnError => Get();

    public string UnknownCommand(string input) => string.Format(Culture, Get(), input);

    private string Get([CallerMemberName] string key = "") =>
        Resources.GetString(key, Culture) ?? throw new MissingManifestResourceException($"No text for '{key}'.");
}
