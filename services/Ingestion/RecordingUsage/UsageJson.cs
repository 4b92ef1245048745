using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.Quarantining;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// Reads usage records from JSON leniently: a missing required field is left empty for the validator to
/// name, instead of failing the whole record with a serializer message. Also keeps the quarantine
/// snapshot to the contract's fields.
/// </summary>
public static class UsageJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static readonly HashSet<string> ContractFields = typeof(UsageRecorded).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses one record; a value of the wrong type becomes an error on that field.</summary>
    public static IncomingUsage Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new IncomingUsage(null, Error("$", "A usage record must be a JSON object."), "{}");
        }

        try
        {
            var record = element.Deserialize<UsageRecorded>(Options)!;
            return IncomingUsage.Parsed(record);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path[2..].Split('.', '[')[0] : "$";
            // .NET strings can hold an unpaired surrogate, but the reader refuses one escaped in JSON (\ud800).
            var problem = exception.InnerException is InvalidOperationException ? "is not valid Unicode text (an unpaired surrogate)" : "has a value of the wrong type or format";
            return new IncomingUsage(null, Error(field, $"'{field}' {problem}."), ContractFieldsOf(element));
        }
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };

    private static string ContractFieldsOf(JsonElement element) => StorableJson.Of(element, ContractFields.Contains);

    /// <summary>The record's contract fields as JSON that the quarantine's jsonb column always takes.</summary>
    public static string Snapshot(UsageRecorded record) => StorableJson.Of(JsonSerializer.SerializeToElement(record, SnapshotOptions));

    // A refused record may hold what a JSON number cannot (NaN, ∞, read from "NaN" and "Infinity"): kept as those strings.
    private static readonly JsonSerializerOptions SnapshotOptions = new(Options)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { MakeEveryPropertyOptional } },
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// Lets MassTransit read a bus message that lacks a required field, so the validator can name the
    /// field and the record is quarantined instead of faulting as unreadable. Call once, before the bus starts.
    /// </summary>
    public static void RelaxBusDeserialization()
    {
        lock (BusOptionsLock)
        {
            var busOptions = MassTransit.Serialization.SystemTextJsonMessageSerializer.Options;
            if (!busOptions.IsReadOnly && !_busRelaxed)
            {
                busOptions.TypeInfoResolver = (busOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                    .WithAddedModifier(typeInfo =>
                    {
                        if (typeInfo.Type == typeof(UsageRecorded))
                        {
                            MakeEveryPropertyOptional(typeInfo);
                        }
                    });
                _busRelaxed = true;
            }
        }
    }

    private static readonly Lock BusOptionsLock = new();
    private static bool _busRelaxed;

    private static void MakeEveryPropertyOptional(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            property.IsRequired = false;
        }
    }
}
