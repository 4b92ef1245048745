using FluentValidation;

using System.Text.Json;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>Field names as a producer sent them (<c>InputTokens</c> → <c>inputTokens</c>); paths: <see cref="TokenOptimizer.Access.Http.WireNames"/>.</summary>
public static class UsageFieldNames
{
    /// <summary>Makes FluentValidation's default messages name fields as they are on the wire.</summary>
    public static void UseWireNamesInMessages() =>
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
}
