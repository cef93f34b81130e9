using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Bot.Persistence;

/// <summary>
/// The shared database of several bot instances. Owns Migrations/Postgres. It also holds the Data Protection key ring:
/// every instance must read what another sealed (webhook secrets, download links), so the keys cannot live in one
/// instance's folder.
/// </summary>
public sealed class PostgresBotDbContext(DbContextOptions<PostgresBotDbContext> options) : BotDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// <c>timestamptz</c> takes only UTC offsets from Npgsql; an instant that reached the model with a zone's offset (a
    /// planned time typed in Berlin) is the same instant in UTC, so it is stored that way instead of failing the save.
    /// </summary>
    /// <remarks>
    /// Strings are <c>text</c>, as on SQLite: the model's maximum lengths describe the data, but as <c>varchar(n)</c>
    /// they would turn an over-long value from Teams (found by the fuzz run: a 12,000-character conversation type) into a
    /// failed turn on PostgreSQL only. Requests are capped at 256 KB and ids at 1024 characters before they get here.
    /// </remarks>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<string>().HaveColumnType("text");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>().ToTable("DataProtectionKeys");
    }

    // Internal, not private: the compiled model (CompiledModels/Postgres) constructs it.
    internal sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        value => value.ToUniversalTime(),
        value => value);
}
