using System.Globalization;
using Bot.Protocol.Schema;

namespace Bot.Localization;

/// <summary>Picks German or English for a turn: the activity's locale, then the client's, then the configured default.</summary>
public static class BotLanguage
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static CultureInfo From(Activity activity, string? defaultLanguage = null)
    {
        var locale = activity.Locale
            ?? activity.Entities?
                .Where(entity => entity is not null && string.Equals(entity.Type, "clientInfo", StringComparison.OrdinalIgnoreCase))
                .Select(entity => entity.Properties?.GetValueOrDefault("locale"))
                .Where(value => value is { ValueKind: System.Text.Json.JsonValueKind.String })
                .Select(value => value!.Value.GetString())
                .FirstOrDefault()
            ?? defaultLanguage;
        return FromLocale(locale);
    }

    public static CultureInfo FromLocale(string? locale) =>
        locale is not null && locale.StartsWith("de", StringComparison.OrdinalIgnoreCase) ? German : English;
}
