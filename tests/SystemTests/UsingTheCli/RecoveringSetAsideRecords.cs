using Npgsql;
using TokenOptimizer.UsageLog;
using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>
/// <c>tokenopt dead-letters</c> (and <c>replay</c>), <c>tokenopt faulted</c> (and <c>redeliver</c>): records the figures miss,
/// and putting them back; <c>tokenopt projections</c> (and <c>rebuild</c>).
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class RecoveringSetAsideRecords(SharedSystem system)
{
    [Fact]
    public async Task NothingParked_FaultedSaysSo_AndRedeliverMovesNothing()
    {
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);

        var faulted = await CliRun.InvokeAsync(admin, "faulted");
        var redeliver = await CliRun.InvokeAsync(admin, "faulted", "redeliver");

        Assert.True(faulted.ExitCode == 0, faulted.Errors);
        Assert.Contains("No parked messages.", faulted.Output, StringComparison.Ordinal);
        Assert.True(redeliver.ExitCode == 0, redeliver.Errors);
        Assert.Contains("No parked messages.", redeliver.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeadLetter_IsListedWithItsReason_AndAReplayThatStillFailsKeepsIt()
    {
        // Given a usage_rollups dead letter for an event the log no longer has (so a replay cannot apply it twice)
        const long Missing = 9_000_000_000_000;
        // (as one moved from an older version's log is kept: the read model's name, then the reason, and the event's type)
        await ExecuteAsync($"""
            INSERT INTO {EventStoreTables.DeadLetters} (id, data, mt_dotnet_type) VALUES (gen_random_uuid(), jsonb_build_object(
                'eventSequence', $1::bigint, 'exceptionMessage', 'usage_rollups: OverflowException: test', 'exceptionType', 'migrated',
                'eventType', 'usage_ingested', 'timestamp', now(), 'projectionName', 'read_models'), 'JasperFx.Events.Daemon.DeadLetterEvent')
            """, Missing);
        try
        {
            var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);

            // When an admin lists the dead letters, then replays them
            var listed = await CliRun.InvokeAsync(admin, "dead-letters");
            var replayed = await CliRun.InvokeAsync(admin, "dead-letters", "replay", "--projection", "usage_rollups");

            // Then the letter is shown with its reason, and the replay keeps it with the new one
            Assert.True(listed.ExitCode == 0, listed.Errors);
            Assert.Equal(["usage_rollups", "9000000000000", "usage_ingested"], listed.Row("usage_rollups")[..3]);
            Assert.Equal("OverflowException: test", listed.Row("usage_rollups")[4]);
            Assert.True(replayed.ExitCode == 0, replayed.Errors);
            Assert.Equal(["usage_rollups", "0", "1"], replayed.Row("usage_rollups"));
            var again = await CliRun.InvokeAsync(admin, "dead-letters");
            Assert.Contains("is no longer in the log", again.Row("usage_rollups")[4], StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync($"DELETE FROM {EventStoreTables.DeadLetters} WHERE (data ->> 'eventSequence')::bigint = $1", Missing);
        }
    }

    [Fact]
    public async Task Projections_AreListed_AndARebuildEndsAtTheLastEvent()
    {
        var admin = CliEnvironment.Isolated(system.QueryUrl.ToString(), system.AdminKey);

        var listed = await CliRun.InvokeAsync(admin, "projections");
        var rebuilt = await CliRun.InvokeAsync(admin, "projections", "rebuild", "--projection", "usage_rollups");

        Assert.True(listed.ExitCode == 0, listed.Errors);
        Assert.Equal("usage_rollups", listed.Row("usage_rollups")[0]);
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Errors);
        var through = System.Text.RegularExpressions.Regex.Match(rebuilt.Output, @"Rebuilt every read model through event (\d+)\.");
        Assert.True(through.Success, rebuilt.Output);
        await using var last = system.DataSource.CreateCommand($"SELECT max(seq_id) FROM {EventStoreTables.Events}");
        Assert.InRange(long.Parse(through.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, (long)(await last.ExecuteScalarAsync())!);
    }

    private async Task ExecuteAsync(string sql, long sequence)
    {
        await using var command = system.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        await command.ExecuteNonQueryAsync();
    }
}
