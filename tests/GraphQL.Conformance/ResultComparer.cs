using System.Text.Json.Nodes;

namespace TokenOptimizer.GraphQL.Conformance;

/// <summary>
/// Compares our result with graphql-js: same stage (parse, validation, execution, subscription), equal data,
/// and the same errors with the same messages, locations and paths. Errors are compared as a multiset,
/// because the order in which sibling fields fail is not specified.
/// </summary>
internal static class ResultComparer
{
    public static IReadOnlyList<string> Differences(JsonNode expected, JsonNode actual)
    {
        var differences = new List<string>();
        var stage = expected["stage"]!.GetValue<string>();
        if (stage != actual["stage"]?.GetValue<string>())
        {
            differences.Add($"stage: expected {stage}, got {actual["stage"]}");
            return differences;
        }

        if (stage == "subscription")
        {
            var expectedEvents = expected["events"]!.AsArray();
            var actualEvents = actual["events"]!.AsArray();
            if (expectedEvents.Count != actualEvents.Count)
            {
                differences.Add($"events: expected {expectedEvents.Count}, got {actualEvents.Count}");
                return differences;
            }

            for (var i = 0; i < expectedEvents.Count; i++)
            {
                CompareResult(expectedEvents[i]!, actualEvents[i]!, differences, $"events[{i}].");
            }

            return differences;
        }

        CompareResult(expected, actual, differences, "");
        return differences;
    }

    private static void CompareResult(JsonNode expected, JsonNode actual, List<string> differences, string prefix)
    {
        var expectedHasData = expected.AsObject().ContainsKey("data");
        var actualHasData = actual.AsObject().ContainsKey("data");
        if (expectedHasData != actualHasData)
        {
            differences.Add($"{prefix}data present: expected {expectedHasData}, got {actualHasData}");
        }
        else if (!JsonNode.DeepEquals(Normalize(expected["data"]), Normalize(actual["data"])))
        {
            differences.Add($"{prefix}data: expected {expected["data"]?.ToJsonString()}, got {actual["data"]?.ToJsonString()}");
        }

        var expectedErrors = ErrorKeys(expected["errors"]);
        var actualErrors = ErrorKeys(actual["errors"]);
        if (!expectedErrors.SequenceEqual(actualErrors))
        {
            differences.Add($"{prefix}errors:\n  expected {string.Join("\n           ", expectedErrors)}\n  got      {string.Join("\n           ", actualErrors)}");
        }
    }

    private static List<string> ErrorKeys(JsonNode? errors) =>
        (errors?.AsArray() ?? []).Select(e =>
        {
            var locations = e!["locations"]?.ToJsonString() ?? "[]";
            var path = e["path"]?.ToJsonString() ?? "-";
            return $"{locations} {path} {e["message"]}";
        }).Order(StringComparer.Ordinal).ToList();

    // Numbers compare by value: 1 and 1.0 are the same JSON number.
    private static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create(value.GetValue<decimal>()),
        JsonValue value => JsonNode.Parse(value.ToJsonString()),
        _ => null,
    };
}
