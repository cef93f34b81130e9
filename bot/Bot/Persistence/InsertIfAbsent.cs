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
        var statement = Statement(database.Model, typeof(TEntity));
        return await database.Database.ExecuteSqlRawAsync(statement.Sql, ModelSql.PositionalParameters(database, statement.ProviderValues(entity)), cancellationToken) == 1;
    }

    /// <summary>The same insert for a writer outside EF (<see cref="SqliteGroupCommit"/>): its text and the entity's values as stored.</summary>
    internal static InsertStatement Statement(IModel model, Type entityClrType) => ModelStatements.For(model).Insert(entityClrType);

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

    internal sealed class InsertStatement
    {
        private readonly IProperty[] _properties;

        public InsertStatement(IModel model, Type entityClrType)
        {
            var entityType = model.FindEntityType(entityClrType)
                ?? throw new InvalidOperationException($"{entityClrType.Name} is not part of the model.");
            var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityClrType.Name} has no table.");
            var storeObject = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            _properties = [.. entityType.GetProperties().Where(p => !p.IsShadowProperty() && p.ValueGenerated == ValueGenerated.Never)];
            var columns = _properties.Select(p => ModelSql.Quote(p.GetColumnName(storeObject) ?? p.GetColumnName()));
            var parameters = _properties.Select((_, index) => ModelSql.ParameterName(index));
            var sql = $"INSERT INTO {ModelSql.Quote(table)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", parameters)}) ON CONFLICT DO NOTHING";
            Sql = sql;
        }

        public string Sql { get; }

        public object[] ProviderValues(object entity) =>
            [.. _properties.Select(property => ModelSql.ToProvider(property, property.GetGetter().GetClrValue(entity)))];
    }
}
