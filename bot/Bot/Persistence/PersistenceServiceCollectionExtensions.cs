using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bot.Persistence;

internal static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateOnStart();
        services.AddOptions<BotConnectionString>()
            .Configure(connection => connection.Value = configuration.GetConnectionString(BotConnectionString.Name))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // A post loads with five owned collections; as one query SQLite built the joined revisions and texts of every
        // post before picking one post's rows (a load grew with the table), so each collection is its own indexed query.
        // The post's version token still guards every save against a collection read a moment later than the post.
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<SqliteGroupCommit>();
        // Pooled: building a context's options and finding its internal services cost about a tenth of a help turn's
        // CPU when every scope made its own (measured with perf under the ingress benchmark). Everything the options
        // use is a singleton, and a pooled context comes back with the settings its constructor made.
        services.AddDbContextPool<SqliteBotDbContext>((provider, options) =>
            options.UseSqlite(SqliteConnection(ConnectionString(provider)), sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(ConnectionSettings, provider.GetRequiredService<SqliteWriteGate>(), DatabaseTime.Interceptor, provider.GetRequiredService<Delivery.OutboxCommitSignal>()));
        services.AddDbContextPool<PostgresBotDbContext>((provider, options) =>
            options.UseNpgsql(ConnectionString(provider), npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                .AddInterceptors(DatabaseTime.Interceptor, provider.GetRequiredService<Delivery.OutboxCommitSignal>()));

        // Chosen when a scope asks, not here: the provider setting may still change after registration (tests, the
        // command line), and product code only ever sees BotDbContext.
        services.AddScoped<BotDbContext>(provider => ProviderOf(provider) switch
        {
            DatabaseProvider.Postgres => provider.GetRequiredService<PostgresBotDbContext>(),
            _ => provider.GetRequiredService<SqliteBotDbContext>(),
        });
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }

    internal static DatabaseProvider ProviderOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;

    internal static string ConnectionString(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<BotConnectionString>>().Value.Value!;

    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    /// <summary>A relative SQLite path is relative to the working directory, as SQLite itself treats it.</summary>
    internal static string SqliteConnection(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
        }

        return builder.ToString();
    }
}
