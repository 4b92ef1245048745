namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// What a team-scoped ingest key may send: records of its own team only. A record for another team, or naming no
/// team, is refused rather than stored or given the key's team: storing it would put usage on a team the key does
/// not speak for, and relabelling it would hide a producer that forgot the field behind numbers that look right.
/// </summary>
public static class TeamScope
{
    /// <summary>The field refused records are named by, as on the wire.</summary>
    public const string Field = "team";

    /// <summary>
    /// The positions (from 0) of the records outside <paramref name="team"/>, each with why; empty when all are in it.
    /// A record that could not be parsed is left to the usual rejection: it is quarantined, never stored as usage.
    /// </summary>
    public static IReadOnlyList<(int Index, string Message)> Violations(IReadOnlyList<IncomingUsage> deliveries, string team)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var violations = new List<(int, string)>();
        for (var index = 0; index < deliveries.Count; index++)
        {
            if (deliveries[index].Record is not { } record || string.Equals(record.Team, team, StringComparison.Ordinal))
            {
                continue;
            }

            violations.Add((index, string.IsNullOrEmpty(record.Team)
                ? $"Record {index} names no team, but this API key may only send records of team '{team}': set \"{Field}\": \"{team}\"."
                : $"Record {index} is for team '{record.Team}', but this API key may only send records of team '{team}'."));
        }

        return violations;
    }
}
