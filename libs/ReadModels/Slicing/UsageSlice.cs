namespace TokenOptimizer.ReadModels;

/// <summary>
/// What a query is about: a minute-aligned time range [<see cref="From"/>, <see cref="To"/>) and, per dimension,
/// the values kept (null: all). <see cref="ScopeTeam"/> is the caller's key scope, applied on top of any team
/// filter, so a team-scoped key can narrow its view but never widen it.
/// </summary>
public sealed record UsageSlice(DateTimeOffset From, DateTimeOffset To)
{
    public IReadOnlyList<string>? Providers { get; init; }

    public IReadOnlyList<string>? Models { get; init; }

    public IReadOnlyList<string>? Features { get; init; }

    public IReadOnlyList<string>? Teams { get; init; }

    public IReadOnlyList<string>? Environments { get; init; }

    public IReadOnlyList<string>? Outcomes { get; init; }

    /// <summary>End users kept (empty string: calls that named none); only the caller rollup and the request log hold them.</summary>
    public IReadOnlyList<string>? UserIds { get; init; }

    /// <summary>Producers' API key ids kept (empty string: calls that named none); only the caller rollup and the request log hold them.</summary>
    public IReadOnlyList<string>? ApiKeyIds { get; init; }

    /// <summary>Whether the slice filters on a caller (user or API key), which the minute/hour/day rollups do not keep.</summary>
    public bool NamesCallers => UserIds is not null || ApiKeyIds is not null;

    public string? ScopeTeam { get; init; }

    public TimeSpan Length => To - From;

    /// <summary>The same filter over the equal period just before this one, for "change against the previous period".</summary>
    public UsageSlice Previous() => this with { From = From - Length, To = From };

    public UsageSlice Between(DateTimeOffset from, DateTimeOffset to) => this with { From = from, To = to };

    /// <summary>The dimension filters as (column, values) pairs, scope included.</summary>
    public IEnumerable<(string Column, IReadOnlyList<string> Values)> DimensionFilters()
    {
        (string, IReadOnlyList<string>?)[] all =
        [
            ("provider", Providers), ("model", Models), ("feature", Features), ("team", Teams), ("environment", Environments), ("outcome", Outcomes),
            ("user_id", UserIds), ("api_key_id", ApiKeyIds), ("team", ScopeTeam is null ? null : [ScopeTeam]),
        ];
        return all.Where(f => f.Item2 is not null).Select(f => (f.Item1, f.Item2!));
    }
}
