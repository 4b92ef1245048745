using System.Text.Json;
using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;
using ExecutionContext = TokenOptimizer.GraphQL.Execution.ExecutionContext;

namespace TokenOptimizer.GraphQL;

/// <summary>Everything a resolver may need about the field it is resolving.</summary>
public sealed class ResolveContext
{
    private static readonly JsonSerializerOptions ArgumentJson = new(JsonSerializerDefaults.Web);

    internal ResolveContext(
        ExecutionContext execution,
        object? source,
        ObjectType parentType,
        FieldDefinition field,
        IReadOnlyList<FieldNode> fieldNodes,
        IReadOnlyDictionary<string, object?> arguments,
        ResponsePath path)
    {
        Execution = execution;
        Source = source;
        ParentType = parentType;
        Field = field;
        FieldNodes = fieldNodes;
        Arguments = arguments;
        ResponsePath = path;
    }

    /// <summary>The parent value (for root fields, the request's root value).</summary>
    public object? Source { get; }

    /// <summary>The object type that owns the field.</summary>
    public ObjectType ParentType { get; }

    /// <summary>The field being resolved.</summary>
    public FieldDefinition Field { get; }

    /// <summary>Coerced argument values, defaults applied; absent optional arguments have no entry.</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; }

    /// <summary>The schema.</summary>
    public Schema Schema => Execution.Schema;

    /// <summary>The application's per-request context object.</summary>
    public object? UserContext => Execution.Request.UserContext;

    /// <summary>Request services, when executed through the HTTP endpoint or given in the request.</summary>
    public IServiceProvider? Services => Execution.Request.Services;

    /// <summary>Cancelled when the client goes away or the request is aborted.</summary>
    public CancellationToken CancellationToken => Execution.CancellationToken;

    /// <summary>The response path of this field, e.g. <c>["users", 3, "name"]</c>.</summary>
    public IReadOnlyList<object> Path => ResponsePath.ToList();

    /// <summary>The coerced variable values of the operation.</summary>
    public IReadOnlyDictionary<string, object?> Variables => Execution.VariableValues;

    internal ExecutionContext Execution { get; }

    internal IReadOnlyList<FieldNode> FieldNodes { get; }

    internal ResponsePath ResponsePath { get; }

    /// <summary>
    /// Loads a value by key through a named loader: every key requested during one execution step, from any
    /// field, is fetched with a single call to <paramref name="fetch"/> (the DataLoader pattern). Keys missing
    /// from the fetched dictionary resolve to default.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="loader">Names the loader; calls with the same name share batches.</param>
    /// <param name="key">The key to load.</param>
    /// <param name="fetch">Fetches many keys at once.</param>
    /// <returns>The value for <paramref name="key"/>.</returns>
    public Task<TValue?> LoadAsync<TKey, TValue>(
        string loader, TKey key, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull =>
        Execution.Batches.Load(loader, key, fetch, CancellationToken);

    /// <summary>
    /// Reads an argument as <typeparamref name="T"/>. Input objects (dictionaries) and lists are converted
    /// through JSON so they can bind to records.
    /// </summary>
    /// <typeparam name="T">The desired type.</typeparam>
    /// <param name="name">The argument name.</param>
    /// <returns>The value, or default when absent or null.</returns>
    public T? Argument<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return default;
        }

        if (value is T typed)
        {
            return typed;
        }

        if (value is IDictionary<string, object?> or System.Collections.IList)
        {
            return JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, ArgumentJson), ArgumentJson);
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
