using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// An <see cref="IChatClient"/> middleware that records every call's usage, latency and outcome (streamed or not,
/// succeeded or failed) with its attribution, and hands the record to an <see cref="IUsageRecorder"/>. Recording only
/// enqueues and never throws: the call's own result or exception reaches the caller unchanged.
/// </summary>
public sealed class UsageRecordingChatClient : DelegatingChatClient
{
    private const string Unknown = "unknown";
    private readonly IUsageRecorder _recorder;
    private readonly UsageRecordingOptions _options;
    private readonly string _provider;
    private readonly string? _defaultModel;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public UsageRecordingChatClient(IChatClient innerClient, IUsageRecorder recorder, UsageRecordingOptions? options = null)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        _recorder = recorder;
        _options = options ?? new UsageRecordingOptions();
        var metadata = innerClient.GetService<ChatClientMetadata>();
        _provider = _options.Provider
            ?? new ProviderEndpoints(_options.ProviderHosts).ProviderOf(metadata?.ProviderUri)
            ?? metadata?.ProviderName
            ?? Unknown;
        _defaultModel = metadata?.DefaultModelId;
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var occurredAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RecordFailure(exception, cancellationToken.IsCancellationRequested, options, occurredAt, started, streaming: false);
            throw;
        }

        RecordSuccess(
            response.Usage, OneHourCacheWrites(response.RawRepresentation), response.ModelId, messages, options, occurredAt, started, streaming: false, timeToFirstToken: null);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var occurredAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        TimeSpan? timeToFirstToken = null;
        string? modelId = null;
        UsageDetails? usage = null;
        long oneHourCacheWrites = 0;
        var finished = false;
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception exception)
                {
                    finished = true;
                    RecordFailure(exception, cancellationToken.IsCancellationRequested, options, occurredAt, started, streaming: true);
                    throw;
                }

                var update = updates.Current;
                if (timeToFirstToken is null && update.Contents.Any(c => c is not UsageContent))
                {
                    // The first part of the answer, not the first event: Anthropic opens a stream with one that has none.
                    timeToFirstToken = Stopwatch.GetElapsedTime(started);
                }

                modelId ??= update.ModelId;
                oneHourCacheWrites += OneHourCacheWrites(update.RawRepresentation);
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: { } details })
                    {
                        (usage ??= new UsageDetails()).Add(details);
                    }
                }

                yield return update;
            }

            finished = true;
            RecordSuccess(usage, oneHourCacheWrites, modelId, messages, options, occurredAt, started, streaming: true, timeToFirstToken);
        }
        finally
        {
            if (!finished)
            {
                // The caller stopped reading early: the provider still charged for what it produced.
                RecordFailure(new OperationCanceledException(), callerCancelled: true, options, occurredAt, started, streaming: true);
            }

            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void RecordSuccess(
        UsageDetails? usage, long oneHourCacheWrites, string? modelId, IEnumerable<ChatMessage> messages, ChatOptions? options,
        DateTimeOffset occurredAt, long started, bool streaming, TimeSpan? timeToFirstToken)
    {
        try
        {
            // The model asked for stays the record's model (an Azure deployment name, an alias); the response's is beside it.
            var model = options?.ModelId ?? _defaultModel ?? modelId ?? Unknown;
            var counts = TokenCounts.FromUsageDetails(usage) with { CacheWriteOneHour = oneHourCacheWrites };
            var record = UsageRecords.Succeeded(
                _provider, model, counts, occurredAt, Stopwatch.GetElapsedTime(started), _options, responseModel: modelId);
            _recorder.Record(record with
            {
                Streaming = streaming,
                TimeToFirstTokenMs = timeToFirstToken?.TotalMilliseconds,
                Capabilities = CallCapabilitiesOf.Call(messages, options),
            });
        }
        catch (Exception)
        {
            // Recording must never fail the caller's call; a faulty recorder only loses this record.
        }
    }

    private void RecordFailure(Exception exception, bool callerCancelled, ChatOptions? options, DateTimeOffset occurredAt, long started, bool streaming)
    {
        try
        {
            var record = UsageRecords.Failed(
                _provider, ModelOf(options), exception, callerCancelled, occurredAt, Stopwatch.GetElapsedTime(started), _options, _options.SdkDetails?.StatusOf(exception));
            _recorder.Record(record with { Streaming = streaming });
        }
        catch (Exception)
        {
            // As above: the caller's own exception is what they must see.
        }
    }

    private string ModelOf(ChatOptions? options) => options?.ModelId ?? _defaultModel ?? Unknown;

    private long OneHourCacheWrites(object? rawRepresentation) => _options.SdkDetails?.OneHourCacheWrites(rawRepresentation) ?? 0;
}
