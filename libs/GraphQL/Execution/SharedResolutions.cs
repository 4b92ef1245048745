using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TokenOptimizer.GraphQL.Execution;

/// <summary>
/// The answers of <see cref="FieldDefinition.OncePerRequest"/> fields within one execution, by field, parent value
/// (by reference) and arguments: the first selection runs the resolver, every later one awaits its answer.
/// </summary>
internal sealed class SharedResolutions
{
    private readonly Dictionary<Key, Task<object?>> _answers = [];

    public ValueTask<object?> Resolve(FieldResolver resolver, ResolveContext context)
    {
        var key = new Key(context.Field, context.Source, JsonSerializer.Serialize(context.Arguments));
        TaskCompletionSource<object?>? first = null;
        Task<object?>? answer;
        lock (_answers)
        {
            if (!_answers.TryGetValue(key, out answer))
            {
                first = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _answers[key] = first.Task;
            }
        }

        return first is null ? new ValueTask<object?>(answer!) : RunAsync(resolver, context, first);
    }

    // The resolver runs outside the lock; whatever it ends with (value, error, cancellation) is every selection's answer.
    private static async ValueTask<object?> RunAsync(FieldResolver resolver, ResolveContext context, TaskCompletionSource<object?> answer)
    {
        try
        {
            var value = await resolver(context).ConfigureAwait(false);
            answer.SetResult(value);
            return value;
        }
        catch (OperationCanceledException cancelled)
        {
            answer.SetCanceled(cancelled.CancellationToken);
            throw;
        }
        catch (Exception error)
        {
            answer.SetException(error);
            throw;
        }
    }

    private readonly record struct Key(FieldDefinition Field, object? Source, string Arguments)
    {
        public bool Equals(Key other) =>
            ReferenceEquals(Field, other.Field) && ReferenceEquals(Source, other.Source) && string.Equals(Arguments, other.Arguments, StringComparison.Ordinal);

        public override int GetHashCode() =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(Field), Source is null ? 0 : RuntimeHelpers.GetHashCode(Source), Arguments);
    }
}
