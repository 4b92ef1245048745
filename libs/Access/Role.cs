using System.Text.Json.Serialization;

namespace TokenOptimizer.Access;

/// <summary>
/// What an API key may do. <see cref="Admin"/> implies <see cref="Read"/>; <see cref="Ingest"/> is separate
/// and implied by nothing: a producer's key, shipped inside applications, must not be able to read anyone's
/// usage, and an admin or dashboard key has no business writing usage. See <see cref="Roles.Grants"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Role>))]
public enum Role
{
    /// <summary>Sends usage records (Ingestion).</summary>
    [JsonStringEnumMemberName("ingest")]
    Ingest,

    /// <summary>Reads usage, costs and recommendations (Query: GraphQL, CSV export).</summary>
    [JsonStringEnumMemberName("read")]
    Read,

    /// <summary>Manages API keys, prices and other settings under <c>/v1/admin</c>; can also read.</summary>
    [JsonStringEnumMemberName("admin")]
    Admin,
}
