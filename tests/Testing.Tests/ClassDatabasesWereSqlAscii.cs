namespace TokenOptimizer.Testing.Tests;

/// <summary>
/// Regression: the first PostgreSQL image made its cluster without a locale, so in SQL_ASCII, and a service reading
/// text back as UTF-8 failed with "conversion between UTF8 and SQL_ASCII is not supported" (Recommendations answered 500).
/// </summary>
public sealed class ClassDatabasesWereSqlAscii(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task ClassDatabase_IsUtf8_AndKeepsTextBeyondAscii()
    {
        Assert.Equal("UTF8", await Sql.ScalarAsync(database.ConnectionString, "select pg_encoding_to_char(encoding) from pg_database where datname = current_database()"));
        Assert.Equal("déjà vu ✓ 東京", await Sql.ScalarAsync(database.ConnectionString, "select convert_from(convert_to('déjà vu ✓ 東京', 'UTF8'), 'UTF8')"));
    }
}
