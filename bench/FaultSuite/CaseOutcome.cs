namespace TokenOptimizer.Bench.FaultSuite;

/// <summary>
/// One case's result: records sent (accepted from the producer's side), stored, lost and doubled; whether the rollups,
/// GraphQL's overview and the CSV export equal the sender's totals to the cent; what is left set aside (dead letters,
/// parked bus messages); and the case's own expectation, if it has one beyond those.
/// </summary>
internal sealed record CaseOutcome(
    string Case, long Sent, long Stored, long Lost, long Doubled, bool RollupsMatch, bool GraphQLMatch, bool CsvMatch,
    long DeadLetters, long FaultedMessages, string? Failure, double Seconds)
{
    public bool Passed => Lost == 0 && Doubled == 0 && RollupsMatch && GraphQLMatch && CsvMatch && DeadLetters == 0 && FaultedMessages == 0 && Failure is null;

    public IEnumerable<KeyValuePair<string, double>> Metrics()
    {
        yield return new($"{Case}.sent", Sent);
        yield return new($"{Case}.stored", Stored);
        yield return new($"{Case}.lost", Lost);
        yield return new($"{Case}.doubled", Doubled);
        yield return new($"{Case}.rollups_match", RollupsMatch ? 1 : 0);
        yield return new($"{Case}.graphql_match", GraphQLMatch ? 1 : 0);
        yield return new($"{Case}.csv_match", CsvMatch ? 1 : 0);
        yield return new($"{Case}.dead_letters", DeadLetters);
        yield return new($"{Case}.faulted_messages", FaultedMessages);
        yield return new($"{Case}.passed", Passed ? 1 : 0);
        yield return new($"{Case}.seconds", Math.Round(Seconds, 1));
    }
}

/// <summary>What a case did: the records the system accepted from it, and why it failed its own expectation (null: it met it).</summary>
internal sealed record CaseRun(IReadOnlyCollection<TokenOptimizer.Contracts.UsageRecorded> Sent, string? Failure = null);
