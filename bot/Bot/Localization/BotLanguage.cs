using System.Globalization;
using Bot.Protocol.Schema;

namespace Bot.Localization;

/// <summary>
/// Picks German or English for a turn: the activity's locale, then the client's, then the configured default. The
/// language is ambient, as in ASP.NET Core's request localization: <see cref="Texts"/> reads CurrentUICulture and
/// formats with CurrentCulture, so a turn sets both once and out-of-turn rendering (another person's language, a team's
/// digest) wraps itself in <see cref="Use"/>.
/// </summary>
public static class BotLanguage
{
    public static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The language texts are being rendered in now.</summary>
    public static CultureInfo Current => CultureInfo.CurrentUICulture;

    public static bool IsGerman => Current.TwoLetterISOLanguageName == "de";

    /// <summary>
    /// Renders in <paramref name="culture"/> until the scope is disposed, then restores the previous language. An async
    /// method gets its caller's language back on return anyway; within one method the scope says where it ends.
    /// </summary>
    public static LanguageScope Use(CultureInfo culture) => new(culture);

    /// <summary>One thing rendered in another language than the current one, e.g. a note to someone else.</summary>
    public static T In<T>(CultureInfo culture, Func<T> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        using var language = Use(culture);
        return render();
    }

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

/// <summary>The language of a stretch of rendering; disposing it restores the cultures that were current before.</summary>
public sealed class LanguageScope : IDisposable
{
    private readonly CultureInfo _previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _previousUICulture = CultureInfo.CurrentUICulture;

    internal LanguageScope(CultureInfo culture)
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _previousCulture;
        CultureInfo.CurrentUICulture = _previousUICulture;
    }
}
