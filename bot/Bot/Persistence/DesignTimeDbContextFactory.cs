using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bot.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the bot.</summary>
internal sealed class SqliteDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SqliteBotDbContext>
{
    public SqliteBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBotDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
