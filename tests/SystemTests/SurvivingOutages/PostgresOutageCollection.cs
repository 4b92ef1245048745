using Xunit;

namespace TokenOptimizer.SystemTests.SurvivingOutages;

/// <summary>
/// The two-minute PostgreSQL outage, on a system of its own, runs beside the other system tests (<see cref="Running.InTurnCollection"/>)
/// rather than after them: its outage is two minutes of waiting at 60 records/s, and it was 183 of the 405 s the
/// system tests took one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresOutageCollection
{
    public const string Name = "a PostgreSQL outage";
}
