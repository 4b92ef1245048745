using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TokenOptimizer.EventStore;

/// <summary>
/// Maps event types to the stable snake_case aliases stored in the log. CLR names never reach the
/// database, so a type can be renamed or moved without rewriting history.
/// </summary>
public sealed class EventTypeRegistry
{
    private readonly ConcurrentDictionary<string, Type> _typesByAlias = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _aliasesByType = new();

    /// <summary>How event payloads are written to and read from JSONB.</summary>
    public JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Explicit, so that a library may put generated serialisers in front of it (TypeInfoResolverChain).
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Registers <typeparamref name="TEvent"/> under <paramref name="alias"/>.</summary>
    public EventTypeRegistry Register<TEvent>(string alias) where TEvent : class
    {
        if (!_typesByAlias.TryAdd(alias, typeof(TEvent)) && _typesByAlias[alias] != typeof(TEvent))
        {
            throw new InvalidOperationException($"Event alias '{alias}' is already registered for {_typesByAlias[alias]}.");
        }

        _aliasesByType[typeof(TEvent)] = alias;
        return this;
    }

    /// <summary>The alias stored for <paramref name="eventType"/>.</summary>
    public string AliasOf(Type eventType) =>
        _aliasesByType.TryGetValue(eventType, out var alias)
            ? alias
            : throw new InvalidOperationException($"Event type {eventType} has no registered alias; call Register<{eventType.Name}>(\"…\").");

    /// <summary>Every registered alias.</summary>
    public IReadOnlyCollection<string> Aliases => [.. _typesByAlias.Keys];

    /// <summary>The type registered for <paramref name="alias"/>, or null when this process does not know it.</summary>
    public Type? TypeOf(string alias) => _typesByAlias.TryGetValue(alias, out var type) ? type : null;

    internal string Serialize(object @event) => JsonSerializer.Serialize(@event, @event.GetType(), SerializerOptions);

    internal object? Deserialize(string alias, string json) =>
        TypeOf(alias) is { } type ? JsonSerializer.Deserialize(json, type, SerializerOptions) : null;

    // Never throws for bad data: an unknown alias or a payload that does not fit its type is reported, not raised.
    internal object? TryDeserialize(string alias, string json, out string? error)
    {
        if (TypeOf(alias) is not { } type)
        {
            error = $"unknown event type '{alias}'";
            return null;
        }

        try
        {
            var data = JsonSerializer.Deserialize(json, type, SerializerOptions);
            error = data is null ? $"'{alias}' payload is null" : null;
            return data;
        }
        catch (JsonException exception)
        {
            error = $"malformed '{alias}' payload: {exception.Message}";
            return null;
        }
    }
}
