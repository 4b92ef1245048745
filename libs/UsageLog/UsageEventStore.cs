using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using JasperFx;
using JasperFx.Events;
using Marten;
using TokenOptimizer.Contracts;
using Weasel.Core;

namespace TokenOptimizer.UsageLog;

/// <summary>
/// The one Marten event store of usage and everything derived from it, in PostgreSQL schema <see cref="Schema"/>.
/// One store rather than a schema per service: Aggregation's projections fold Ingestion's usage events together with
/// its own budget and SLO events in one sequence, and Marten's daemon reads one event table. Ownership is by event
/// type: Ingestion alone appends usage, prices and erasures (<see cref="Configure"/>), Aggregation alone budgets,
/// SLO targets and circuit cool-downs; each service maps the types it reads. Stored type names are the stable
/// snake_case aliases below, never CLR names; streams are string keys (<see cref="UsageStreams.For(string?, string)"/>).
/// </summary>
public static class UsageEventStore
{
    /// <summary>The PostgreSQL schema of Marten's event tables (mt_events, mt_streams, mt_event_progression, dead letters).</summary>
    public const string Schema = "event_store";

    /// <summary>The channel Marten's daemon listens on for appends (<c>UseListenNotifyForEventAppends</c>).</summary>
    public const string AppendedChannel = "mt_events_appended";

    /// <summary>The stored type name of <see cref="UsageIngested"/>.</summary>
    public const string UsageIngestedType = "usage_ingested";

    /// <summary>How stored event JSON reads, for the few admin queries that read it without Marten. Not to be changed.</summary>
    public static JsonSerializerOptions Json { get; } = SerializerOptions();

    /// <summary>
    /// New serialiser options as every stored event is written: the web defaults the old log used, nulls left out, and a
    /// call's zero counts and costs left out too (<see cref="LeaveOutZeros"/>).
    /// </summary>
    public static JsonSerializerOptions SerializerOptions() => new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Generated serialisers first: every ingested record is written once, and reflection would be a measurable part of it.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(UsageLogJsonContext.Default, new DefaultJsonTypeInfoResolver()).WithAddedModifier(LeaveOutZeros),
    };

    // Most calls have no cached, cache-write or reasoning tokens and are not streamed, so most of their counts and costs
    // are zero: leaving those out took a demo event's JSON from 740 to about 600 characters, and reading one back gives the
    // same zero. Required members are always written (reading refuses an event without them).
    private static void LeaveOutZeros(JsonTypeInfo type)
    {
        if (type.Type != typeof(UsageRecorded) && type.Type != typeof(UsageCost))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.IsRequired || !property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null)
            {
                continue;
            }

            var zero = Activator.CreateInstance(property.PropertyType);
            property.ShouldSerialize = (_, value) => !Equals(value, zero);
        }
    }

    /// <summary>Configures <paramref name="options"/> as this store, with the usage events' aliases.</summary>
    public static StoreOptions Configure(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DatabaseSchemaName = Schema;
        // Schema changes are applied once at start-up, deliberately (EventStoreSchema), never on the fly.
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.Events.StreamIdentity = StreamIdentity.AsString;
        options.Events.UseListenNotifyForEventAppends = true;
        options.UseSystemTextJsonForSerialization(SerializerOptions(), EnumStorage.AsInteger, Casing.CamelCase);
        options.Events.MapEventType<UsageIngested>(UsageIngestedType);
        options.Events.MapEventType<UsageRepriced>("usage_repriced");
        options.Events.MapEventType<ModelPriceSet>("model_price_set");
        options.Events.MapEventType<ModelAliasSet>("model_alias_set");
        options.Events.MapEventType<CatalogImported>("catalog_imported");
        options.Events.MapEventType<UserErased>("user_erased");
        return options;
    }
}
