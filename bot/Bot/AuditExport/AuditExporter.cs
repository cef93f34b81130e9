using Bot.Hosting;
using Bot.Localization;
using Bot.Persistence;
using Bot.Posts;
using Bot.Teams;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bot.AuditExport;

/// <summary>The audit trail of a team's posts over a period, as rows: one per audit entry, oldest first.</summary>
public sealed class AuditExporter(BotDbContext database, TeamDirectory teams)
{
    /// <summary>A longer period is a different job (a database export); a year covers every audit question seen so far.</summary>
    public const int MaxDays = 366;

    /// <summary>The CSV for <paramref name="download"/>, or null when the asker is no longer a coordinator of that team.</summary>
    public async Task<byte[]?> CsvAsync(AuditDownload download, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(download);
        // The link outlives the chat turn that made it, so the role is checked again when it is used.
        if (!(await teams.RoleOfAsync(download.TeamId, download.ActorAadObjectId, cancellationToken)).CanManageTeam())
        {
            return null;
        }

        var team = await database.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.TeamId == download.TeamId, cancellationToken);
        if (team is null)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(team.TimeZoneId);
        var from = Midnight(download.FirstDay, zone);
        var until = Midnight(download.LastDay.AddDays(1), zone);
        using var language = BotLanguage.Use(BotLanguage.FromLocale(download.Language));

        // Audit entries are owned by their post and loaded with it; a team's posts are few enough to filter the period here.
        var posts = await database.Posts.AsNoTracking().Where(p => p.TeamId == download.TeamId).ToListAsync(cancellationToken);
        var entries = posts
            .SelectMany(post => post.AuditTrail.Select(entry => (post, entry)))
            .Where(x => x.entry.At >= from && x.entry.At < until)
            .OrderBy(x => x.entry.At)
            .ThenBy(x => x.post.Id)
            .ThenBy(x => x.entry.Sequence)
            .ToList();
        var actorIds = entries.Select(x => x.entry.ActorAadObjectId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var names = await database.People.AsNoTracking().Where(p => actorIds.Contains(p.AadObjectId)).ToDictionaryAsync(p => p.AadObjectId, p => p.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        return AuditCsv.Write(
            [
                Texts.FormatAuditCsvTimeLocal(zone.Id), Texts.AuditCsvTimeUtc, Texts.AuditCsvPost, Texts.AuditCsvWorkingTitle, Texts.AuditCsvRevision,
                Texts.AuditCsvAction, Texts.AuditCsvActor, Texts.AuditCsvActorId, Texts.AuditCsvStatus, Texts.AuditCsvComment, Texts.AuditCsvDetails,
            ],
            entries.Select(x => (IReadOnlyList<string?>)
            [
                AuditCsv.Timestamp(TimeZoneInfo.ConvertTime(x.entry.At, zone)),
                x.entry.At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                PostWorkflow.ShortId(x.post.Id),
                x.post.WorkingTitle,
                x.entry.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PostDisplayNames.Audit(x.entry.Action),
                names.GetValueOrDefault(x.entry.ActorAadObjectId) ?? x.entry.ActorAadObjectId,
                x.entry.ActorAadObjectId,
                PostCards.StatusName(x.entry.Status),
                x.entry.Comment,
                PostDisplayNames.AuditDetails(x.entry.Details, instant => AuditCsv.Timestamp(TimeZoneInfo.ConvertTime(instant, zone))),
            ]));
    }

    public static string FileName(DateOnly firstDay, DateOnly lastDay) =>
        $"audit-{firstDay:yyyy-MM-dd}-{lastDay:yyyy-MM-dd}.csv";

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A zone that skips midnight (a few do at DST) starts the day an hour later.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

internal static class ExportsServiceCollectionExtensions
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddOptions<DownloadOptions>().BindConfiguration(DownloadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddDataProtection().SetApplicationName("SocialMediaBot");
        // The keys live with the data they protect (webhook secrets are stored sealed), so losing them would make those
        // unreadable. SQLite: a folder next to the database file, so moving the data folder moves both. PostgreSQL: a
        // table in the shared database, because every instance must open what any other one sealed. Read when the host
        // starts, after tests and the command line have had their say about the database.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, ILoggerFactory>((keys, provider, loggers) =>
        {
            if (PersistenceServiceCollectionExtensions.ProviderOf(provider) == DatabaseProvider.Postgres)
            {
                keys.XmlRepository = new EntityFrameworkCoreXmlRepository<PostgresBotDbContext>(provider, loggers);
                return;
            }

            var dataSource = new SqliteConnectionStringBuilder(PersistenceServiceCollectionExtensions.ConnectionString(provider) ?? string.Empty).DataSource;
            if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:")
            {
                var folder = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(dataSource))!, "keys");
                keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
            }
        });
        services.AddHttpContextAccessor();
        services.AddSingleton<DownloadTokens>();
        services.AddScoped<AuditExporter>();
        return services;
    }
}
