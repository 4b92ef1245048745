using System.Collections;
using System.Text.Json;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// <summary>
/// Executes an operation (specification §6.2–6.4) with graphql-js semantics: sibling fields run concurrently,
/// mutation root fields run one after another, and errors propagate to the nearest nullable parent.
/// </summary>
internal static class Executor
{
    // Marks a field that produced no entry (graphql-js "undefined").
    private static readonly object Omitted = new();

    public static async Task<ExecutionResult> ExecuteOperationAsync(ExecutionContext context, object? rootValue)
    {
        var operation = context.Operation;
        var rootType = RootType(context.Schema, operation);
        if (rootType is null)
        {
            return new ExecutionResult
            {
                HasData = true,
                Errors = [new GraphQLError(
                    $"Schema is not configured to execute {operation.Operation.ToString().ToLowerInvariant()} operation.",
                    [operation.Location.ToSource()],
                    extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadRequest })],
            };
        }

        IReadOnlyDictionary<string, object?>? data;
        try
        {
            var fields = FieldCollector.Plan(
                context.Schema, rootType, FieldCollector.Collect(context.Schema, context.Fragments, context.VariableValues, rootType, operation.SelectionSet));
            if (operation.Operation == OperationType.Mutation)
            {
                data = await ExecuteFieldsSeriallyAsync(context, rootType, rootValue, fields).ConfigureAwait(false);
            }
            else
            {
                ValueTask<Dictionary<string, object?>> pending;
                using (context.Batches.Enter())
                {
                    pending = ExecuteFields(context, rootType, rootValue, null, fields);
                }

                data = await pending.ConfigureAwait(false);
            }
        }
        catch (PropagatedException propagated)
        {
            context.AddError(propagated.Error);
            data = null;
        }
        catch (LocatedException located)
        {
            context.AddError(WithCode(located.Error, ErrorCodes.ExecutionFailed));
            data = null;
        }
        catch (InsufficientExecutionStackException)
        {
            context.AddError(PreparedDocument.TooComplex());
            data = null;
        }

        return new ExecutionResult { Data = data, HasData = true, Errors = context.Errors };
    }

    public static ObjectType? RootType(Schema schema, OperationDefinitionNode operation) => operation.Operation switch
    {
        OperationType.Query => schema.QueryType,
        OperationType.Mutation => schema.MutationType,
        _ => schema.SubscriptionType,
    };

    private static async Task<Dictionary<string, object?>> ExecuteFieldsSeriallyAsync(
        ExecutionContext context, ObjectType type, object? source, List<PlannedField> fields)
    {
        var results = new Dictionary<string, object?>(fields.Count);
        foreach (var field in fields)
        {
            ValueTask<object?> pending;
            using (context.Batches.Enter())
            {
                pending = ExecuteField(context, type, source, field, new ResponsePath(null, field.Key));
            }

            var value = await pending.ConfigureAwait(false);
            if (value != Omitted)
            {
                results[field.Key] = value;
            }
        }

        return results;
    }

    // Dictionary keeps insertion order while nothing is removed, which gives the response its field order.
    public static ValueTask<Dictionary<string, object?>> ExecuteFields(
        ExecutionContext context, ObjectType type, object? source, ResponsePath? path, List<PlannedField> fields)
    {
        var results = new Dictionary<string, object?>(fields.Count);
        List<(string Key, ValueTask<object?> Task)>? pending = null;
        foreach (var planned in fields)
        {
            var key = planned.Key;
            var task = ExecuteField(context, type, source, planned, new ResponsePath(path, key));
            if (task.IsCompletedSuccessfully)
            {
                var value = task.Result;
                if (value != Omitted)
                {
                    results[key] = value;
                }
            }
            else
            {
                results[key] = null;
                (pending ??= []).Add((key, task));
            }
        }

        return pending is null ? ValueTask.FromResult(results) : AwaitFieldsAsync(results, pending);
    }

    private static async ValueTask<Dictionary<string, object?>> AwaitFieldsAsync(
        Dictionary<string, object?> results, List<(string Key, ValueTask<object?> Task)> pending)
    {
        Exception? first = null;
        foreach (var (key, task) in pending)
        {
            try
            {
                var value = await task.ConfigureAwait(false);
                if (value == Omitted)
                {
                    results.Remove(key);
                }
                else
                {
                    results[key] = value;
                }
            }
            catch (Exception error)
            {
                // Siblings still finish (and record their own errors) before the null propagates.
                first ??= error;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return results;
    }

    public static ValueTask<object?> ExecuteField(
        ExecutionContext context, ObjectType parentType, object? source, PlannedField planned, ResponsePath path)
    {
        var fieldNodes = planned.Nodes;
        var node = fieldNodes[0];
        var field = planned.Definition;
        if (field is null)
        {
            return ValueTask.FromResult<object?>(Omitted);
        }

        ResolveContext resolveContext;
        ValueTask<object?> resolved;
        try
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var arguments = ValueCoercion.GetArgumentValues(field.Arguments, node.Arguments, context.VariableValues, node);
            var resolver = field.Resolver ?? DefaultResolver.Instance;
            if (source is SubscriptionEvent subscriptionEvent)
            {
                // A subscription field without a resolver yields the source event itself.
                source = subscriptionEvent.Payload;
                resolver = field.Resolver ?? (static c => ValueTask.FromResult(c.Source));
            }

            resolveContext = new ResolveContext(context, source, parentType, field, fieldNodes, arguments, path);
            resolved = field.BatchResolver is not null ? new ValueTask<object?>(context.Batches.Enqueue(field, node, resolveContext))
                : field.OncePerRequest ? context.Shared.Resolve(resolver, resolveContext)
                : resolver(resolveContext);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromResult(HandleFieldError(context, Locate(context, error, fieldNodes, path), field.Type));
        }

        if (resolved.IsCompletedSuccessfully)
        {
            try
            {
                var completed = CompleteValue(context, field.Type, fieldNodes, resolveContext, path, resolved.Result);
                if (completed.IsCompletedSuccessfully)
                {
                    return completed;
                }

                return AwaitCompletionAsync(context, completed, field.Type, fieldNodes, path);
            }
            catch (Exception error) when (error is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromResult(HandleFieldError(context, Locate(context, error, fieldNodes, path), field.Type));
            }
        }

        return ResolveAndCompleteAsync(context, resolved, field.Type, fieldNodes, resolveContext, path);
    }

    private static async ValueTask<object?> AwaitCompletionAsync(
        ExecutionContext context, ValueTask<object?> completed, GraphQLType returnType, List<FieldNode> fieldNodes, ResponsePath path)
    {
        try
        {
            return await completed.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return HandleFieldError(context, Locate(context, error, fieldNodes, path), returnType);
        }
    }

    private static async ValueTask<object?> ResolveAndCompleteAsync(
        ExecutionContext context,
        ValueTask<object?> resolved,
        GraphQLType returnType,
        List<FieldNode> fieldNodes,
        ResolveContext resolveContext,
        ResponsePath path)
    {
        try
        {
            var value = await resolved.ConfigureAwait(false);
            ValueTask<object?> completed;
            using (context.Batches.Enter())
            {
                completed = CompleteValue(context, returnType, fieldNodes, resolveContext, path, value);
            }

            return await completed.ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            return HandleFieldError(context, Locate(context, error, fieldNodes, path), returnType);
        }
    }

    private static object? HandleFieldError(ExecutionContext context, GraphQLError error, GraphQLType returnType)
    {
        if (returnType is NonNullType)
        {
            throw new PropagatedException(error);
        }

        context.AddError(error);
        return null;
    }

    private static GraphQLError Locate(ExecutionContext context, Exception error, List<FieldNode> fieldNodes, ResponsePath path)
    {
        switch (error)
        {
            case PropagatedException propagated:
                return propagated.Error;
            case LocatedException located:
                return WithCode(located.Error with { Path = path.ToList() }, ErrorCodes.ExecutionFailed);
        }

        var locations = fieldNodes.Select(n => n.Location.ToSource()).ToList();
        if (error is not GraphQLException && context.Options.TranslateException?.Invoke(error) is { } translated)
        {
            error = translated;
        }

        if (error is GraphQLException graphQLException)
        {
            var extensions = new Dictionary<string, object?>();
            if (graphQLException.Extensions is not null)
            {
                foreach (var (key, value) in graphQLException.Extensions)
                {
                    extensions[key] = value;
                }
            }

            extensions["code"] = graphQLException.Code ?? ErrorCodes.ExecutionFailed;
            return new GraphQLError(graphQLException.Message, locations, path.ToList(), extensions);
        }

        context.Options.OnUnexpectedError?.Invoke(error, string.Join(".", path.ToList()));
        var message = context.Options.ExposeExceptionMessages ? error.Message : "Unexpected error.";
        return new GraphQLError(message, locations, path.ToList(), new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalServerError });
    }

    private static GraphQLError WithCode(GraphQLError error, string code) => error.WithCode(code);

    private static ValueTask<object?> CompleteValue(
        ExecutionContext context, GraphQLType returnType, List<FieldNode> fieldNodes, ResolveContext info, ResponsePath path, object? result)
    {
        if (result is JsonElement json)
        {
            result = DefaultResolver.Unwrap(json);
        }

        if (result is Exception exception)
        {
            throw exception;
        }

        if (returnType is NonNullType nonNull)
        {
            var completed = CompleteValue(context, nonNull.OfType, fieldNodes, info, path, result);
            if (completed.IsCompletedSuccessfully)
            {
                return completed.Result is null ? throw NullError(info) : completed;
            }

            return EnsureNonNullAsync(completed, info);
        }

        if (result is null or DBNull)
        {
            return ValueTask.FromResult<object?>(null);
        }

        return returnType switch
        {
            ListType list => CompleteListValue(context, list.OfType, fieldNodes, info, path, result),
            ScalarType scalar => ValueTask.FromResult<object?>(scalar.Serialize(result)),
            EnumType enumType => ValueTask.FromResult<object?>(enumType.Serialize(result)),
            ObjectType objectType => CompleteObjectValue(context, objectType, fieldNodes, path, result),
            _ => CompleteObjectValue(context, ResolveRuntimeType(context, (NamedType)returnType, info, result), fieldNodes, path, result),
        };
    }

    private static GraphQLException NullError(ResolveContext info) =>
        new($"Cannot return null for non-nullable field {info.ParentType.Name}.{info.Field.Name}.");

    private static async ValueTask<object?> EnsureNonNullAsync(ValueTask<object?> completed, ResolveContext info) =>
        await completed.ConfigureAwait(false) ?? throw NullError(info);

    private static ValueTask<object?> CompleteListValue(
        ExecutionContext context, GraphQLType itemType, List<FieldNode> fieldNodes, ResolveContext info, ResponsePath path, object result)
    {
        if (result is not IEnumerable items || result is string || result is IDictionary<string, object?>)
        {
            throw new GraphQLException($"Expected Iterable, but did not find one for field \"{info.ParentType.Name}.{info.Field.Name}\".");
        }

        var completed = result is ICollection collection ? new List<object?>(collection.Count) : [];
        List<(int Index, ResponsePath Path, ValueTask<object?> Task)>? pending = null;
        var index = 0;
        foreach (var item in items)
        {
            var itemPath = new ResponsePath(path, index);
            try
            {
                var task = CompleteValue(context, itemType, fieldNodes, info, itemPath, item);
                if (task.IsCompletedSuccessfully)
                {
                    completed.Add(task.Result);
                }
                else
                {
                    completed.Add(null);
                    (pending ??= []).Add((index, itemPath, task));
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                completed.Add(HandleFieldError(context, Locate(context, error, fieldNodes, itemPath), itemType));
            }

            index++;
        }

        return pending is null ? ValueTask.FromResult<object?>(completed) : AwaitItemsAsync(context, completed, pending, itemType, fieldNodes);
    }

    private static async ValueTask<object?> AwaitItemsAsync(
        ExecutionContext context,
        List<object?> completed,
        List<(int Index, ResponsePath Path, ValueTask<object?> Task)> pending,
        GraphQLType itemType,
        List<FieldNode> fieldNodes)
    {
        Exception? first = null;
        foreach (var (index, itemPath, task) in pending)
        {
            try
            {
                completed[index] = await task.ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
            {
                try
                {
                    completed[index] = HandleFieldError(context, Locate(context, error, fieldNodes, itemPath), itemType);
                }
                catch (PropagatedException propagated)
                {
                    first ??= propagated;
                }
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return completed;
    }

    private static ObjectType ResolveRuntimeType(ExecutionContext context, NamedType abstractType, ResolveContext info, object value)
    {
        var resolver = abstractType switch
        {
            InterfaceType i => i.ResolveType,
            UnionType u => u.ResolveType,
            _ => null,
        };
        var name = resolver is not null ? resolver(value, info) : DefaultTypeName(context.Schema, abstractType, value);
        if (name is null)
        {
            throw new GraphQLException(
                $"Abstract type \"{abstractType.Name}\" must resolve to an Object type at runtime for field \"{info.ParentType.Name}.{info.Field.Name}\". " +
                $"Either the \"{abstractType.Name}\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.");
        }

        var runtimeType = context.Schema.GetType(name);
        if (runtimeType is null)
        {
            throw new GraphQLException($"Abstract type \"{abstractType.Name}\" was resolved to a type \"{name}\" that does not exist inside the schema.");
        }

        if (runtimeType is not ObjectType objectType)
        {
            throw new GraphQLException($"Abstract type \"{abstractType.Name}\" was resolved to a non-object type \"{name}\".");
        }

        if (!context.Schema.IsSubType(abstractType, objectType))
        {
            throw new GraphQLException($"Runtime Object type \"{name}\" is not a possible type for \"{abstractType.Name}\".");
        }

        return objectType;
    }

    private static string? DefaultTypeName(Schema schema, NamedType abstractType, object value)
    {
        var typeName = value switch
        {
            IReadOnlyDictionary<string, object?> map => map.GetValueOrDefault("__typename") as string,
            IDictionary<string, object?> dictionary => dictionary.TryGetValue("__typename", out var n) ? n as string : null,
            JsonElement { ValueKind: JsonValueKind.Object } json when json.TryGetProperty("__typename", out var n) => n.GetString(),
            _ => null,
        };
        if (typeName is not null)
        {
            return typeName;
        }

        var possible = schema.GetPossibleTypes(abstractType);
        foreach (var type in possible)
        {
            if (type.IsTypeOf?.Invoke(value) == true)
            {
                return type.Name;
            }
        }

        // Convenience for code-first schemas: a CLR class named like the GraphQL type.
        var clrName = value.GetType().Name;
        return possible.FirstOrDefault(t => t.Name == clrName)?.Name;
    }

    private static ValueTask<object?> CompleteObjectValue(
        ExecutionContext context, ObjectType type, List<FieldNode> fieldNodes, ResponsePath path, object result)
    {
        if (type.IsTypeOf is not null && !type.IsTypeOf(result))
        {
            throw new GraphQLException($"Expected value of type \"{type.Name}\" but got: {Inspect.Value(result)}.");
        }

        var subfields = FieldCollector.CollectSubfields(context, type, fieldNodes);
        var task = ExecuteFields(context, type, result, path, subfields);
        if (task.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult<object?>(task.Result);
        }

        return BoxAsync(task);
    }

    private static async ValueTask<object?> BoxAsync(ValueTask<Dictionary<string, object?>> task) => await task.ConfigureAwait(false);
}

/// A non-null violation travelling to the nearest nullable parent; its error is already located.
internal sealed class PropagatedException(GraphQLError error) : Exception(error.Message)
{
    public GraphQLError Error { get; } = error;
}
