using System.Text.Json;
using System.Text.Json.Serialization;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// Serialisation code generated at build time for the usage events: every ingested record is written
/// once, so reflection-based serialisation would be a measurable part of ingestion's cost.
/// Options match <see cref="UsageEventStore.SerializerOptions"/>.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsageIngested))]
[JsonSerializable(typeof(UsageRepriced))]
[JsonSerializable(typeof(ModelPriceSet))]
[JsonSerializable(typeof(ModelAliasSet))]
[JsonSerializable(typeof(CatalogImported))]
[JsonSerializable(typeof(UserErased))]
internal sealed partial class UsageLogJsonContext : JsonSerializerContext;
