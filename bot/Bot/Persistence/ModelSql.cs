using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Bot.Persistence;

/// <summary>
/// For the few statements the bot writes by hand against its model's tables (<see cref="InsertIfAbsent"/>, the turn
/// ledger's answer): names quoted, values converted and parameters made as EF itself would.
/// </summary>
internal static class ModelSql
{
    /// <summary>
    /// A column's value as the provider stores it (UTC ticks on SQLite, enum names…), as EF would have written it, for
    /// statements written by hand against the model's own tables.
    /// </summary>
    internal static object ToProvider(IProperty property, object? value)
    {
        var converter = property.GetTypeMapping().Converter;
        return (converter is not null && value is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
    }

    /// <summary>The value of <typeparamref name="TEntity"/>'s <paramref name="property"/> as the provider stores it.</summary>
    internal static object ToProvider<TEntity>(BotDbContext database, string property, object? value) =>
        ToProvider(database.Model.FindEntityType(typeof(TEntity))!.FindProperty(property)!, value);

    /// <summary>
    /// Ends a worker's claiming subquery: on PostgreSQL the rows another instance is claiming at this moment are skipped,
    /// not waited for; SQLite has one writer at a time and no row locks, so nothing is added there.
    /// </summary>
    internal static string SkipLockedRows(bool postgres) => postgres ? SkipLockedSql : string.Empty;

    private const string SkipLockedSql = " FOR UPDATE SKIP LOCKED";

    // Names come from the model, never from input; double quotes are standard SQL on both databases.
    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Parameters <c>@p0</c>, <c>@p1</c>, … of the given provider values, for statements written by hand.</summary>
    internal static DbParameter[] PositionalParameters(BotDbContext database, object[] providerValues)
    {
        using var factory = database.Database.GetDbConnection().CreateCommand();
        var parameters = new DbParameter[providerValues.Length];
        for (var index = 0; index < providerValues.Length; index++)
        {
            var parameter = factory.CreateParameter();
            parameter.ParameterName = ParameterName(index);
            parameter.Value = providerValues[index];
            parameters[index] = parameter;
        }

        return parameters;
    }

    internal static string ParameterName(int index) => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
