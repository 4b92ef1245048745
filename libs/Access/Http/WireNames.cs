using System.Text.Json;

namespace TokenOptimizer.Access.Http;

/// <summary>Names a field in an error the way the JSON body names it, so the sender can find it.</summary>
public static class WireNames
{
    /// <summary>A C# property path as JSON: <c>Records[0].InputTokens</c> → <c>records[0].inputTokens</c>.</summary>
    public static string Of(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
