using Npgsql;
using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.ReadModels;

// The usage profiles advice is computed from.
public sealed partial class RequestLogReader
{
    /// <summary>
    /// How each feature used each model of each provider in [<paramref name="from"/>, <paramref name="to"/>) (only
    /// <paramref name="feature"/>, if given). Read on a schedule, not per page load, so exact percentiles over the
    /// window are affordable.
    /// </summary>
    public async Task<IReadOnlyList<UsageProfile>> ProfilesAsync(DateTimeOffset from, DateTimeOffset to, string? feature, CancellationToken cancellationToken)
    {
        var mixes = await ReadMixesAsync(from, to, feature, cancellationToken);
        var hours = await ReadHoursAsync(from, to, feature, cancellationToken);
        await using var command = dataSource.CreateCommand($"""
            SELECT feature, provider, model, count(*), count(*) FILTER (WHERE outcome <> '{Outcomes.Succeeded}'), count(*) FILTER (WHERE NOT priced),
                   coalesce(sum(cost_usd), 0), coalesce(sum(cost_usd) FILTER (WHERE outcome <> '{Outcomes.Succeeded}'), 0),
                   coalesce(round(avg(cost_usd), 12), 0), coalesce(round(stddev_samp(cost_usd), 12), 0),
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY input_tokens), percentile_disc(0.99) WITHIN GROUP (ORDER BY output_tokens),
                   avg(input_tokens)::float8, count(*) FILTER (WHERE streaming),
                   coalesce(bool_or('{CallCapabilities.Vision}' = ANY(capabilities)), false),
                   coalesce(bool_or('{CallCapabilities.Tools}' = ANY(capabilities)), false),
                   coalesce(bool_or('{CallCapabilities.JsonSchema}' = ANY(capabilities)), false),
                   count(*) FILTER (WHERE capabilities IS NULL)
            FROM {RequestLogTable.Name} WHERE {Where}
            GROUP BY feature, provider, model
            """);
        AddParameters(command, from, to, feature);
        var profiles = new List<UsageProfile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            var capabilities = (reader.GetBoolean(14) ? ModelCapabilities.Vision : 0)
                | (reader.GetBoolean(15) ? ModelCapabilities.FunctionCalling : 0)
                | (reader.GetBoolean(16) ? ModelCapabilities.ResponseSchema : 0);
            profiles.Add(new UsageProfile
            {
                Feature = key.Item1, Provider = key.Item2, Model = key.Item3,
                Requests = reader.GetInt64(3), Failures = reader.GetInt64(4), UnpricedRequests = reader.GetInt64(5),
                CostUsd = reader.GetDecimal(6), FailedCostUsd = reader.GetDecimal(7), MeanCostUsd = reader.GetDecimal(8), CostStdDevUsd = reader.GetDecimal(9),
                P99InputTokens = reader.GetInt64(10), P99OutputTokens = reader.GetInt64(11), AverageInputTokens = reader.GetDouble(12),
                StreamingRequests = reader.GetInt64(13), StatedCapabilities = capabilities, UnstatedCapabilityRequests = reader.GetInt64(17),
                RequestsByHour = hours.TryGetValue(key, out var byHour) ? byHour : new long[24],
                Mixes = mixes.TryGetValue(key, out var mix) ? mix : [],
            });
        }

        return profiles;
    }

    private const string Where = "occurred_at >= $1 AND occurred_at < $2 AND ($3::text IS NULL OR feature = $3)";

    private async Task<Dictionary<(string, string, string), List<TokenMix>>> ReadMixesAsync(DateTimeOffset from, DateTimeOffset to, string? feature, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT feature, provider, model, coalesce(service_tier, '{ServiceTiers.Standard}'), {TokenMix.ContextTierSql}, count(*),
                   sum(input_tokens)::bigint, sum(cached_input_tokens)::bigint, sum(cache_write_tokens)::bigint, sum(output_tokens)::bigint, sum(reasoning_tokens)::bigint
            FROM {RequestLogTable.Name} WHERE {Where}
            GROUP BY 1, 2, 3, 4, 5
            """);
        AddParameters(command, from, to, feature);
        var mixes = new Dictionary<(string, string, string), List<TokenMix>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (!mixes.TryGetValue(key, out var list))
            {
                mixes[key] = list = [];
            }

            list.Add(new TokenMix(reader.GetString(3), reader.GetInt32(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10)));
        }

        return mixes;
    }

    private async Task<Dictionary<(string, string, string), long[]>> ReadHoursAsync(DateTimeOffset from, DateTimeOffset to, string? feature, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT feature, provider, model, extract(hour FROM occurred_at AT TIME ZONE 'UTC')::int, count(*)
            FROM {RequestLogTable.Name} WHERE {Where}
            GROUP BY 1, 2, 3, 4
            """);
        AddParameters(command, from, to, feature);
        var hours = new Dictionary<(string, string, string), long[]>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (!hours.TryGetValue(key, out var counts))
            {
                hours[key] = counts = new long[24];
            }

            counts[reader.GetInt32(3)] = reader.GetInt64(4);
        }

        return hours;
    }

    private static void AddParameters(NpgsqlCommand command, DateTimeOffset from, DateTimeOffset to, string? feature)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = feature });
    }
}
