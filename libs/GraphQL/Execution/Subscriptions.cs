using System.Runtime.CompilerServices;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// Subscribe (specification §6.2.3): create the source stream from the single root field, then execute the
/// selection set once per event with the event as the root value.
internal static class Subscriptions
{
    public static async Task<ExecutionResult> SubscribeAsync(ExecutionContext context)
    {
        var operation = context.Operation;
        var rootType = context.Schema.SubscriptionType;
        if (rootType is null)
        {
            return Error(new GraphQLError("Schema is not configured to execute subscription operation.", [operation.Location.ToSource()]));
        }

        var fields = FieldCollector.Collect(context.Schema, context.Fragments, context.VariableValues, rootType, operation.SelectionSet);
        var (responseName, fieldNodes) = fields.First();
        var field = rootType.GetField(fieldNodes[0].Name.Value);
        if (field is null)
        {
            return Error(new GraphQLError(
                $"The subscription field \"{fieldNodes[0].Name.Value}\" is not defined.",
                fieldNodes.Select(n => n.Location.ToSource()).ToList()));
        }

        var path = new ResponsePath(null, responseName);
        IAsyncEnumerable<object?> source;
        try
        {
            var arguments = ValueCoercion.GetArgumentValues(field.Arguments, fieldNodes[0].Arguments, context.VariableValues, fieldNodes[0]);
            var resolveContext = new ResolveContext(context, context.Request.RootValue, rootType, field, fieldNodes, arguments, path);
            source = field.Subscriber?.Invoke(resolveContext)
                ?? throw new GraphQLException($"Subscription field \"{rootType.Name}.{field.Name}\" has no event source.");
        }
        catch (LocatedException located)
        {
            return Error(located.Error with { Path = path.ToList() });
        }
        catch (GraphQLException error)
        {
            return Error(new GraphQLError(error.Message, fieldNodes.Select(n => n.Location.ToSource()).ToList(), path.ToList()));
        }

        await Task.CompletedTask.ConfigureAwait(false);
        return new ExecutionResult { Stream = MapEvents(context, source, context.CancellationToken) };
    }

    private static ExecutionResult Error(GraphQLError error) =>
        ExecutionResult.RequestError(RequestFailure.Variables, [error.WithCode(ErrorCodes.BadRequest)]);

    private static async IAsyncEnumerable<ExecutionResult> MapEvents(
        ExecutionContext context, IAsyncEnumerable<object?> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var events = source.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
        try
        {
            while (true)
            {
                object? payload;
                ExecutionResult? failure = null;
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        yield break;
                    }

                    payload = events.Current;
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A failing source ends the stream with one last result that says why.
                    payload = null;
                    failure = SourceFailure(context, error);
                }

                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }

                yield return await GraphQLExecutor.WithinTimeLimitAsync(context.Options, cancellationToken, token => Executor.ExecuteOperationAsync(
                    new ExecutionContext(context.Schema, context.Request, context.Operation, context.Fragments, context.VariableValues, context.Options, token),
                    new SubscriptionEvent(payload))).ConfigureAwait(false);
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    private static ExecutionResult SourceFailure(ExecutionContext context, Exception error)
    {
        if (error is not GraphQLException && context.Options.TranslateException?.Invoke(error) is { } translated)
        {
            error = translated;
        }

        if (error is not GraphQLException)
        {
            context.Options.OnUnexpectedError?.Invoke(error, "subscription");
        }

        var (message, code) = error switch
        {
            GraphQLException graphQLException => (graphQLException.Message, graphQLException.Code ?? ErrorCodes.ExecutionFailed),
            _ => (context.Options.ExposeExceptionMessages ? error.Message : "Unexpected error.", ErrorCodes.InternalServerError),
        };
        return new ExecutionResult
        {
            Errors = [new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = code })],
        };
    }
}

/// Wraps a source event so that the subscription field, when it has no resolver, yields the event itself.
internal sealed record SubscriptionEvent(object? Payload);
