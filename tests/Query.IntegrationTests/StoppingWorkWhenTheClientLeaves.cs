using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// Work stops with the request, down to PostgreSQL: with the request log locked, a <c>usageLog</c> read waits in the
/// database, and a client leaving (or the time limit running out) cancels that statement there.
/// </summary>
public sealed class StoppingWorkWhenTheClientLeaves(QueryHost host) : IClassFixture<QueryHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private const string Page = "{ usageLog(first: 5) { edges { node { requestId } } } }";

    // The Query service's page read, waiting for the lock this test holds (not this test's own statement).
    private async Task<long> WaitingReadsAsync()
    {
        await using var command = host.DataSource.CreateCommand($"""
            SELECT count(*) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND datname = current_database() AND state = 'active' AND wait_event_type = 'Lock'
              AND query LIKE 'SELECT%' AND query LIKE '%FROM {RequestLogTable.Name}%'
            """);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlTransaction> LockTheRequestLogAsync(NpgsqlConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"LOCK TABLE {RequestLogTable.Name} IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    [Fact]
    public async Task ClientGivingUp_CancelsTheDatabaseStatement()
    {
        var key = await host.CreateKeyAsync(Role.Read);
        await using var connection = await host.DataSource.OpenConnectionAsync();
        await using var transaction = await LockTheRequestLogAsync(connection);
        using var leave = new CancellationTokenSource();

        // Given a page read waiting in PostgreSQL
        var asking = Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Http.GraphQLAsync(key, new { query = Page }, leave.Token));
        await Eventually.UntilAsync(async () => await WaitingReadsAsync() == 1, Patience, "the page read should wait for the lock");

        // When the client gives up
        await leave.CancelAsync();
        await asking;

        // Then the statement is cancelled in the database, while the lock is still held
        await Eventually.UntilAsync(async () => await WaitingReadsAsync() == 0, Patience, "the page read should have been cancelled");
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task TimeLimitRunningOut_AnswersQueryTimeout_AndCancelsTheDatabaseStatement()
    {
        await using var query = host.Factory.WithWebHostBuilder(web => web.UseSetting("Query:GraphQL:ExecutionTimeout", "00:00:01"));
        using var http = query.CreateClient();
        var key = await host.CreateKeyAsync(Role.Read);
        await using var connection = await host.DataSource.OpenConnectionAsync();
        await using var transaction = await LockTheRequestLogAsync(connection);

        var (status, body) = await http.GraphQLAsync(key, new { query = Page }, new CancellationTokenSource(Patience).Token);

        Assert.Equal(200, status);
        Assert.Equal("QUERY_TIMEOUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("The operation took longer than the limit of 1 seconds and was stopped.", body.GetProperty("errors")[0].GetProperty("message").GetString());
        await Eventually.UntilAsync(async () => await WaitingReadsAsync() == 0, Patience, "the page read should have been cancelled");
        await transaction.RollbackAsync();
    }
}
