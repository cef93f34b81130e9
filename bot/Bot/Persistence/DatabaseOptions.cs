using System.ComponentModel.DataAnnotations;

namespace Bot.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
}

/// <summary>The connection string from <c>ConnectionStrings:Bot</c>; there is no default in code on purpose.</summary>
public sealed class BotConnectionString
{
    public const string Name = "Bot";

    [Required(ErrorMessage = "ConnectionStrings:Bot is required (e.g. \"Data Source=data/bot.db\").")]
    public string? Value { get; set; }
}
