using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bot.Persistence;

public static class InsertIfAbsent
{
    /// <summary>
    /// Inserts the entity's row unless one with its key exists, in one statement (<c>INSERT … ON CONFLICT DO NOTHING</c>,
    /// which SQLite and PostgreSQL both understand), and says whether this call inserted it. The entity is not tracked;
    /// load the row to change it. For rows that two requests may create at the same moment (Teams announces an install
    /// with two activities at once): a lost race is then no failed command, which EF Core would log as an error before
    /// any catch could call it expected.
    /// </summary>
    public static async Task<bool> InsertIfAbsentAsync<TEntity>(this BotDbContext database, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(database);
        var entityType = database.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the model.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no table.");
        var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());

        using var factory = database.Database.GetDbConnection().CreateCommand();
        var columns = new List<string>();
        var parameters = new List<DbParameter>();
        foreach (var property in entityType.GetProperties().Where(p => !p.IsShadowProperty() && p.ValueGenerated == ValueGenerated.Never))
        {
            var value = property.GetGetter().GetClrValue(entity);
            // The provider's own representation (UTC ticks on SQLite, enum names…), as EF would have written it.
            var converter = property.GetTypeMapping().Converter;
            if (converter is not null && value is not null)
            {
                value = converter.ConvertToProvider(value);
            }

            var parameter = factory.CreateParameter();
            parameter.ParameterName = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
            columns.Add(Quote(property.GetColumnName(storeObject) ?? property.GetColumnName()));
        }

        var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) ON CONFLICT DO NOTHING";
        return await database.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken) == 1;
    }

    // Names come from the model, never from input; double quotes are standard SQL on both databases.
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
