using System.ComponentModel.DataAnnotations;

namespace Bot.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    /// <summary>One bot process on a file next to it: the default.</summary>
    Sqlite,

    /// <summary>One shared database for several bot instances behind a load balancer.</summary>
    Postgres,
}

/// <summary>The connection string from <c>ConnectionStrings:Bot</c>; there is no default in code on purpose.</summary>
public sealed class BotConnectionString
{
    public const string Name = "Bot";

    [Required(ErrorMessage = "ConnectionStrings:Bot is required (e.g. \"Data Source=data/bot.db\" for SQLite, \"Host=db;Database=bot;Username=bot\" for PostgreSQL).")]
    public string? Value { get; set; }
}
