namespace TokenOptimizer.GraphQL;

/// <summary>Configures one field of an object or interface type.</summary>
public sealed class FieldBuilder
{
    private readonly List<InputValueBuilder> _arguments = [];
    private string? _description;
    private string? _deprecationReason;
    private FieldResolver? _resolver;
    private BatchFieldResolver? _batchResolver;
    private SubscriptionSourceResolver? _subscriber;
    private int _cost = 1;
    private bool _oncePerRequest;

    internal FieldBuilder(string name, string type)
    {
        Name = name;
        Type = type;
    }

    internal string Name { get; }

    internal string Type { get; }

    /// <summary>Sets the description.</summary>
    /// <param name="description">Markdown description.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Marks the field deprecated.</summary>
    /// <param name="reason">Why, and what to use instead.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Deprecated(string reason = SpecifiedDirectives.DefaultDeprecationReason)
    {
        _deprecationReason = reason;
        return this;
    }

    /// <summary>Adds an argument.</summary>
    /// <param name="name">Argument name.</param>
    /// <param name="type">Type reference in SDL notation, e.g. <c>ID!</c> or <c>[String!]</c>.</param>
    /// <param name="configure">Sets description, default value or deprecation.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Argument(string name, string type, Action<InputValueBuilder>? configure = null)
    {
        var argument = new InputValueBuilder(name, type);
        configure?.Invoke(argument);
        _arguments.Add(argument);
        return this;
    }

    /// <summary>Sets a synchronous resolver.</summary>
    /// <param name="resolver">Returns the field's value.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Resolve(Func<ResolveContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = context => ValueTask.FromResult(resolver(context));
        return this;
    }

    /// <summary>Sets a resolver returning a <see cref="ValueTask{TResult}"/>, the cheapest asynchronous form.</summary>
    /// <param name="resolver">Returns the field's value.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Resolve(FieldResolver resolver)
    {
        _resolver = resolver;
        return this;
    }

    /// <summary>Sets an asynchronous resolver.</summary>
    /// <typeparam name="T">The resolved type.</typeparam>
    /// <param name="resolver">Returns the field's value.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder ResolveAsync<T>(Func<ResolveContext, Task<T>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = async context => await resolver(context).ConfigureAwait(false);
        return this;
    }

    /// <summary>
    /// Sets a batch resolver: all parents that need this field in one execution step are resolved
    /// with one call (a DataLoader-style batch per field).
    /// </summary>
    /// <param name="resolver">Returns one value per context, in order.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder ResolveBatch(BatchFieldResolver resolver)
    {
        _batchResolver = resolver;
        return this;
    }

    /// <summary>Typed batch resolver over parent values.</summary>
    /// <typeparam name="TSource">The parent value type.</typeparam>
    /// <typeparam name="TResult">The field value type.</typeparam>
    /// <param name="resolver">Receives the parents and the request's cancellation token; returns one value per parent, in order.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder ResolveBatch<TSource, TResult>(Func<IReadOnlyList<TSource>, CancellationToken, Task<IReadOnlyList<TResult>>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _batchResolver = async contexts =>
        {
            var sources = contexts.Select(c => (TSource)c.Source!).ToList();
            var results = await resolver(sources, contexts[0].CancellationToken).ConfigureAwait(false);
            return results.Select(r => (object?)r).ToList();
        };
        return this;
    }

    /// <summary>For a subscription field: creates the source event stream. Each event is the field's value unless a resolver maps it.</summary>
    /// <typeparam name="T">The event type.</typeparam>
    /// <param name="subscribe">Creates the stream.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Subscribe<T>(Func<ResolveContext, IAsyncEnumerable<T>> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        _subscriber = context => Box(subscribe(context));
        return this;
    }

    /// <summary>Sets the field's cost against the request budget (default 1).</summary>
    /// <param name="cost">The cost.</param>
    /// <returns>This builder.</returns>
    public FieldBuilder Cost(int cost)
    {
        _cost = cost;
        return this;
    }

    /// <summary>
    /// Resolves the field at most once per request for the same parent value and arguments: aliases (or other
    /// selections) asking again share the first answer. For resolvers that are paid for or heavy, such as an LLM call.
    /// Not for mutations, whose every selection must run.
    /// </summary>
    /// <returns>This builder.</returns>
    public FieldBuilder OncePerRequest()
    {
        _oncePerRequest = true;
        return this;
    }

    private static async IAsyncEnumerable<object?> Box<T>(IAsyncEnumerable<T> source)
    {
        await foreach (var item in source.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    internal FieldDefinition Build(Func<string, GraphQLType> resolveType, string parentName)
    {
        var field = new FieldDefinition(Name, _description, _deprecationReason)
        {
            Type = resolveType(Type),
            Resolver = _resolver,
            BatchResolver = _batchResolver,
            Subscriber = _subscriber,
            Cost = _cost,
            OncePerRequest = _oncePerRequest,
        };
        if (!field.Type.IsOutputType)
        {
            throw new InvalidOperationException($"The type of {parentName}.{Name} must be Output Type but got: {Type}.");
        }

        field.Arguments = _arguments.Select(a => a.Build(resolveType, $"{parentName}.{Name}")).ToList();
        return field;
    }
}
