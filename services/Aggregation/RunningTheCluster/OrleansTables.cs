using Npgsql;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RunningTheCluster;

/// <summary>
/// The tables behind our PostgreSQL providers of Orleans' membership table, reminder table and grain storage (whose
/// table, <see cref="GrainStateTable"/>, is defined beside its readers in libs/ReadModels), and the alert outbox written
/// with grain state. Our own schema for the providers' documented contracts (the interfaces'
/// XML docs), not the ADO.NET providers' scripts: see <see cref="PostgresMembershipTable"/> for why.
/// </summary>
public static class OrleansTables
{
    public const string MembershipVersion = "orleans_membership_version";
    public const string Membership = "orleans_membership";
    public const string Reminders = "orleans_reminders";

    // Serialises concurrent creators (two silos starting at once): CREATE … IF NOT EXISTS alone can still collide.
    private const long SchemaLockKey = 0x746f_6b65_6e00_0016;

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {MembershipVersion} (
            cluster_id text    PRIMARY KEY,
            version    integer NOT NULL,
            etag       bigint  NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {Membership} (
            cluster_id    text        NOT NULL REFERENCES {MembershipVersion} ON DELETE CASCADE,
            silo          text        NOT NULL,
            status        integer     NOT NULL,
            silo_name     text,
            host_name     text,
            role_name     text,
            proxy_port    integer     NOT NULL,
            update_zone   integer     NOT NULL,
            fault_zone    integer     NOT NULL,
            suspect_times jsonb       NOT NULL,
            start_time    timestamptz NOT NULL,
            i_am_alive    timestamptz NOT NULL,
            etag          bigint      NOT NULL,
            PRIMARY KEY (cluster_id, silo)
        );
        CREATE TABLE IF NOT EXISTS {Reminders} (
            service_id    text        NOT NULL,
            grain_id      text        NOT NULL,
            reminder_name text        NOT NULL,
            grain_hash    bigint      NOT NULL,
            start_at      timestamptz NOT NULL,
            period        interval    NOT NULL,
            etag          bigint      NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS orleans_reminders_hash ON {Reminders} (service_id, grain_hash);
        {GrainStateTable.Ddl}
        {AlertOutbox.Ddl}
        {AlertFeedTable.Ddl}
        """;

    /// <summary>Creates the tables if they are missing. Idempotent; safe from several instances at once.</summary>
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey}); {Ddl}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
