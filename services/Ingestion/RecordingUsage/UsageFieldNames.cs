using FluentValidation;

using System.Text.Json;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Turns a C# property path into the field name a producer sent (<c>InputTokens</c> → <c>inputTokens</c>).</summary>
public static class UsageFieldNames
{
    public static string ToWire(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>Makes FluentValidation's default messages name fields as they are on the wire.</summary>
    public static void UseWireNamesInMessages() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
}
