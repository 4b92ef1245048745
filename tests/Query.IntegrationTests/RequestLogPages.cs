using System.Globalization;
using System.Text.Json;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>Reading a request-log connection (<c>usageLog</c> or <c>errors.recent</c>) page by page, and checking its rows against the fed records.</summary>
internal static class RequestLogPages
{
    private const string NodeFields = """
        requestId occurredAt provider model responseModel feature team environment userId outcome errorType errorCode
        inputTokens outputTokens cachedInputTokens cacheWriteTokens cacheWriteOneHourTokens reasoningTokens latencyMs ttftMs streaming costUsd
        """;

    /// <summary>PostgreSQL keeps microseconds; records made at whole milliseconds compare exactly.</summary>
    public static List<UsageIngested> AtWholeMilliseconds(IEnumerable<UsageIngested> records) => records
        .Select(r => r with { Usage = r.Usage with { OccurredAt = new DateTimeOffset(r.Usage.OccurredAt.UtcTicks - r.Usage.OccurredAt.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero) } })
        .ToList();

    /// <summary>The records as the log orders them: newest first, the later-stored first among equal times.</summary>
    public static List<UsageIngested> NewestFirst(IEnumerable<UsageIngested> records) => records
        .Select((record, stored) => (record, stored)).OrderByDescending(r => r.record.Usage.OccurredAt).ThenByDescending(r => r.stored)
        .Select(r => r.record).ToList();

    /// <summary>
    /// Every row of the connection, following endCursor until hasNextPage is false; each page but the last is full
    /// and ends at its last edge's cursor. <paramref name="connection"/> is <c>usageLog</c> or <c>errors.recent</c>.
    /// </summary>
    public static async Task<List<JsonElement>> ReadAllAsync(QueryHost host, string key, string connection, object filter, int first)
    {
        var (root, inner) = connection.Split('.') is [var r, var i] ? (r, i) : (connection, null);
        var selection = $"edges {{ cursor node {{ {NodeFields} }} }} pageInfo {{ hasNextPage endCursor }}";
        var query = $$"""
            query($filter: UsageFilter, $first: Int, $after: String) {
              {{root}}(filter: $filter, first: $first, after: $after) { {{(inner is null ? selection : $"{inner} {{ {selection} }}")}} }
            }
            """;
        var rows = new List<JsonElement>();
        string? after = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000 / first + 10, "paging should end");
            var data = await host.DataAsync(key, query, new { filter, first, after });
            var page = inner is null ? data.GetProperty(root) : data.GetProperty(root).GetProperty(inner);
            var edges = page.GetProperty("edges").EnumerateArray().ToList();
            var info = page.GetProperty("pageInfo");
            rows.AddRange(edges.Select(e => e.GetProperty("node")));
            if (!info.GetProperty("hasNextPage").GetBoolean())
            {
                return rows;
            }

            Assert.Equal(first, edges.Count);
            after = info.GetProperty("endCursor").GetString();
            Assert.Equal(edges[^1].GetProperty("cursor").GetString(), after);
        }
    }

    public static void AssertSame(UsageIngested expected, JsonElement node)
    {
        var usage = expected.Usage;
        Assert.Equal(usage.RequestId, node.GetProperty("requestId").GetString());
        Assert.Equal(usage.OccurredAt, node.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(usage.Provider, node.GetProperty("provider").GetString());
        Assert.Equal(usage.Model, node.GetProperty("model").GetString());
        Assert.Equal(usage.ResponseModel, Text(node.GetProperty("responseModel")));
        Assert.Equal(usage.Feature ?? "default", node.GetProperty("feature").GetString());
        Assert.Equal(usage.Team ?? "", node.GetProperty("team").GetString());
        Assert.Equal(usage.Environment ?? "", node.GetProperty("environment").GetString());
        Assert.Equal(usage.UserId ?? "", node.GetProperty("userId").GetString());
        Assert.Equal(usage.Outcome, node.GetProperty("outcome").GetString());
        Assert.Equal(usage.ErrorType, Text(node.GetProperty("errorType")));
        Assert.Equal(usage.ErrorCode, Text(node.GetProperty("errorCode")));
        Assert.Equal(usage.InputTokens, node.GetProperty("inputTokens").GetInt64());
        Assert.Equal(usage.OutputTokens, node.GetProperty("outputTokens").GetInt64());
        Assert.Equal(usage.CachedInputTokens, node.GetProperty("cachedInputTokens").GetInt64());
        Assert.Equal(usage.CacheWriteTokens, node.GetProperty("cacheWriteTokens").GetInt64());
        Assert.Equal(usage.CacheWriteOneHourTokens, node.GetProperty("cacheWriteOneHourTokens").GetInt64());
        Assert.Equal(usage.ReasoningTokens, node.GetProperty("reasoningTokens").GetInt64());
        Assert.Equal(usage.LatencyMs, node.GetProperty("latencyMs").GetDouble());
        Assert.Equal(usage.TimeToFirstTokenMs, node.GetProperty("ttftMs") is { ValueKind: JsonValueKind.Number } ttft ? ttft.GetDouble() : null);
        Assert.Equal(usage.Streaming, node.GetProperty("streaming").GetBoolean());
        Assert.Equal(expected.Cost.Priced ? expected.Cost.TotalUsd : (decimal?)null, Text(node.GetProperty("costUsd")) is { } cost ? decimal.Parse(cost, CultureInfo.InvariantCulture) : (decimal?)null);
    }

    private static string? Text(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetString();
}
