using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace TokenOptimizer.GraphQL.Execution;

/// <summary>Reads a field from its parent: dictionary entry, JSON property, or a public property (case-insensitive).</summary>
internal static class DefaultResolver
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Getters = new();

    public static readonly FieldResolver Instance = context => ValueTask.FromResult(Resolve(context.Source, context.Field));

    /// Like <see cref="Resolve(object?, string)"/>, but remembers the getter on the field: a field almost
    /// always sees parents of one CLR type, and this skips hashing the type and name on every value.
    public static object? Resolve(object? source, FieldDefinition field)
    {
        if (source is null or IReadOnlyDictionary<string, object?> or IDictionary<string, object?> or JsonElement)
        {
            return Resolve(source, field.Name);
        }

        var type = source.GetType();
        var cached = field.CachedGetter;
        if (cached is null || cached.Type != type)
        {
            cached = new CachedGetter(type, Getters.GetOrAdd((type, field.Name), static key => CreateGetter(key.Item1, key.Item2)));
            field.CachedGetter = cached;
        }

        return cached.Getter?.Invoke(source);
    }

    public static object? Resolve(object? source, string name)
    {
        switch (source)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, object?> map:
                return map.GetValueOrDefault(name);
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(name, out var value) ? value : null;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                return json.TryGetProperty(name, out var property) ? property : null;
        }

        var getter = Getters.GetOrAdd((source.GetType(), name), static key => CreateGetter(key.Item1, key.Item2));
        return getter?.Invoke(source);
    }

    internal sealed record CachedGetter(Type Type, Func<object, object?>? Getter);

    private static Func<object, object?>? CreateGetter(Type type, string name)
    {
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.GetMethod is null || property.GetIndexParameters().Length > 0)
        {
            return null;
        }

        // A compiled getter is an order of magnitude faster than PropertyInfo.GetValue on hot paths.
        var parameter = Expression.Parameter(typeof(object));
        var body = Expression.Convert(Expression.Property(Expression.Convert(parameter, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }

    /// Converts JSON values returned by resolvers into the plain values the completion step expects.
    public static object? Unwrap(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetDecimal(out var exact) ? exact : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(e => (object?)e).ToList(),
        _ => element,
    };
}
