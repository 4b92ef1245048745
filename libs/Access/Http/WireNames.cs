using System.Text.Json;
using FluentValidation.Results;

namespace TokenOptimizer.Access.Http;

/// <summary>Names a field in an error the way the JSON body names it, so the sender can find it.</summary>
public static class WireNames
{
    /// <summary>
    /// Marks a failure whose property name is already the path as sent (<c>providers.OpenAI.errorRate</c>: a
    /// dictionary key is not a property, and must not be camel-cased): set it as the failure's <c>CustomState</c>.
    /// </summary>
    public static readonly object AsSent = new();

    /// <summary>A C# property path as JSON: <c>Records[0].InputTokens</c> → <c>records[0].inputTokens</c>.</summary>
    public static string Of(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Validation failures as RFC 7807 <c>errors</c>: wire name → its distinct messages.</summary>
    public static Dictionary<string, string[]> ErrorsOf(IEnumerable<ValidationFailure> failures) =>
        failures
            .GroupBy(f => ReferenceEquals(f.CustomState, AsSent) ? f.PropertyName : Of(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
}
