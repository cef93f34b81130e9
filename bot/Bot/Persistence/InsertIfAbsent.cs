using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
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
        var statement = ModelStatements.For(database.Model).Insert(typeof(TEntity));
        return await database.Database.ExecuteSqlRawAsync(statement.Sql, statement.Parameters(database, entity), cancellationToken) == 1;
    }

    /// <summary>
    /// A column's value as the provider stores it (UTC ticks on SQLite, enum names…), as EF would have written it, for
    /// statements written by hand against the model's own tables.
    /// </summary>
    internal static object ToProvider(IProperty property, object? value)
    {
        var converter = property.GetTypeMapping().Converter;
        return (converter is not null && value is not null ? converter.ConvertToProvider(value) : value) ?? DBNull.Value;
    }

    // Names come from the model, never from input; double quotes are standard SQL on both databases.
    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>
    /// The insert statement of each entity type, written once per model: walking the model and writing the SQL for every
    /// claim was a measurable part of each turn.
    /// </summary>
    private sealed class ModelStatements(IModel model)
    {
        private static readonly ConditionalWeakTable<IModel, ModelStatements> ByModel = [];
        private readonly ConcurrentDictionary<Type, InsertStatement> _inserts = new();

        public static ModelStatements For(IModel model) => ByModel.GetValue(model, m => new ModelStatements(m));

        public InsertStatement Insert(Type entityClrType) => _inserts.GetOrAdd(entityClrType, type => new InsertStatement(model, type));
    }

    private sealed class InsertStatement
    {
        private readonly IProperty[] _properties;

        public InsertStatement(IModel model, Type entityClrType)
        {
            var entityType = model.FindEntityType(entityClrType)
                ?? throw new InvalidOperationException($"{entityClrType.Name} is not part of the model.");
            var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityClrType.Name} has no table.");
            var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            _properties = [.. entityType.GetProperties().Where(p => !p.IsShadowProperty() && p.ValueGenerated == ValueGenerated.Never)];
            var columns = _properties.Select(p => Quote(p.GetColumnName(storeObject) ?? p.GetColumnName()));
            var parameters = _properties.Select((_, index) => ParameterName(index));
            var sql = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters)}) ON CONFLICT DO NOTHING";
            Sql = sql;
        }

        public string Sql { get; }

        public DbParameter[] Parameters(BotDbContext database, object entity) =>
            PositionalParameters(database, [.. _properties.Select(property => ToProvider(property, property.GetGetter().GetClrValue(entity)))]);
    }

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
