using System.Globalization;

namespace Bot.Localization;

/// <summary>Dates and percentages the way the current language writes them.</summary>
public static class LocalFormat
{
    /// <summary>24.12.2026 in German, Dec 24, 2026 in English.</summary>
    public static string Date(DateOnly date) => date.ToString(BotLanguage.IsGerman ? "dd.MM.yyyy" : "MMM d, yyyy", CultureInfo.CurrentCulture);

    public static string Percent(decimal fraction) => fraction.ToString("P1", CultureInfo.CurrentCulture);
}
