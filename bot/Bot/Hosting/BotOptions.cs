using System.ComponentModel.DataAnnotations;

namespace Bot.Hosting;

public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>No default in code: it comes from appsettings.json, which proves that file is read.</summary>
    [Required(ErrorMessage = "Bot:DisplayName is required.")]
    public string? DisplayName { get; set; }

    /// <summary>Used when an activity carries no locale: <c>en</c> or <c>de</c>.</summary>
    [RegularExpression("^(en|de)(-[A-Za-z]{2})?$")]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>AAD object ids of people who are coordinators in every team, besides whoever installs the bot.</summary>
    public List<string> Coordinators { get; set; } = [];
}
