using System.ClientModel;
using Microsoft.Extensions.AI;
using TokenOptimizer.Catalog;

namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// Runs a model test: each prompt goes to the current and the candidate model at once, and each call's
/// latency, tokens, cost and outcome are recorded, with the agreement of the two answers. A call that
/// times out or fails is recorded as failed and the run goes on; only the caller's cancellation ends it.
/// Prompts and answers stay in memory for the run and are never logged or returned.
/// </summary>
public sealed class ModelTestRunner(ChatEndpoints endpoints, ModelCatalog catalog, TimeProvider time, ILogger<ModelTestRunner> logger)
{
    /// <summary>The most prompts one test sends (each is two paid calls).</summary>
    public const int MaxPrompts = 200;

    private readonly CostCalculator _costs = new(catalog);

    /// <exception cref="ArgumentException">No prompts, too many, an empty one, a missing model, or a timeout out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ModelTestResult> RunAsync(RunModelTest test, CancellationToken cancellationToken = default)
    {
        Validate(test);
        var startedAt = time.GetUtcNow();
        ModelTestLog.Started(logger, test.Current.Provider, test.Current.Model, test.Candidate.Provider, test.Candidate.Model, test.Prompts.Count);

        var rows = new List<PromptComparison>(test.Prompts.Count);
        for (var index = 0; index < test.Prompts.Count; index++)
        {
            var prompt = test.Prompts[index];
            var calls = await Task.WhenAll(
                CallAsync(test.Current, prompt, index, test.CallTimeout, cancellationToken),
                CallAsync(test.Candidate, prompt, index, test.CallTimeout, cancellationToken));
            var (current, candidate) = (calls[0], calls[1]);
            var agreement = current.Answer is not null && candidate.Answer is not null
                ? OutputAgreement.Score(current.Answer, candidate.Answer)
                : (double?)null;
            rows.Add(new PromptComparison(index, current.Result, candidate.Result, agreement));
        }

        var summary = ModelTestSummary.Of(test.Current, test.Candidate, rows);
        ModelTestLog.Completed(logger, test.Prompts.Count, summary.Current.Failed, summary.Candidate.Failed);
        return new ModelTestResult
        {
            Current = test.Current,
            Candidate = test.Candidate,
            StartedAt = startedAt,
            CompletedAt = time.GetUtcNow(),
            Prompts = rows,
            Summary = summary,
        };
    }

    private async Task<(ModelCallResult Result, string? Answer)> CallAsync(
        ModelUnderTest model, string prompt, int index, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var client = endpoints.For(model.Provider, model.Model);
        if (client is null)
        {
            return (Failed(model, index, startedAt, 0d, CallErrorKind.NotConfigured, null, null), null);
        }

        using var deadline = new CancellationTokenSource(timeout, time);
        using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var start = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], cancellationToken: call.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Failed(model, index, startedAt, Elapsed(start), CallErrorKind.Timeout, null, null), null);
        }
        catch (ClientResultException e) when (e.Status > 0)
        {
            return (Failed(model, index, startedAt, Elapsed(start), CallErrorKind.HttpStatus, e.Status, e), null);
        }
        catch (HttpRequestException e) when (e.StatusCode is { } status)
        {
            return (Failed(model, index, startedAt, Elapsed(start), CallErrorKind.HttpStatus, (int)status, e), null);
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or IOException)
        {
            return (Failed(model, index, startedAt, Elapsed(start), CallErrorKind.Network, null, e), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever else an endpoint makes the client throw (a body that is not a chat completion,
            // say) fails this call only: the test compares models, it does not stop at the first bad answer.
            return (Failed(model, index, startedAt, Elapsed(start), CallErrorKind.InvalidResponse, null, e), null);
        }

        var latencyMs = Elapsed(start);
        var usage = response.Usage;
        var (cost, unpricedReason) = Price(model, startedAt, usage);
        var result = new ModelCallResult
        {
            Outcome = CallOutcome.Succeeded,
            StartedAt = startedAt,
            LatencyMs = latencyMs,
            InputTokens = usage?.InputTokenCount,
            OutputTokens = usage?.OutputTokenCount,
            CostUsd = cost,
            UnpricedReason = unpricedReason,
        };
        return (result, response.Text);
    }

    private (decimal? Cost, string? UnpricedReason) Price(ModelUnderTest model, DateTimeOffset at, UsageDetails? usage)
    {
        if (usage?.InputTokenCount is not { } input || usage.OutputTokenCount is not { } output)
        {
            return (null, "the response reported no token usage");
        }

        var priced = _costs.Price(new PricingRequest
        {
            Provider = model.Provider,
            Model = model.Model,
            OccurredAt = at,
            InputTokens = input,
            OutputTokens = output,
            CachedInputTokens = usage.CachedInputTokenCount ?? 0,
            ReasoningTokens = usage.ReasoningTokenCount ?? 0,
        });
        return priced.IsPriced ? (priced.Cost.Total, null) : (null, priced.UnpricedReason);
    }

    private ModelCallResult Failed(
        ModelUnderTest model, int index, DateTimeOffset startedAt, double latencyMs, CallErrorKind error, int? httpStatus, Exception? exception)
    {
        // The kind, the status and the exception's type only: a provider's error text may quote the prompt.
        ModelTestLog.CallFailed(logger, model.Provider, model.Model, index, error, httpStatus, exception?.GetType().Name);
        return new ModelCallResult
        {
            Outcome = CallOutcome.Failed,
            Error = error,
            HttpStatus = httpStatus,
            StartedAt = startedAt,
            LatencyMs = latencyMs,
        };
    }

    private double Elapsed(long start) => time.GetElapsedTime(start).TotalMilliseconds;

    private static void Validate(RunModelTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(test.Current, nameof(test));
        ArgumentNullException.ThrowIfNull(test.Candidate, nameof(test));
        ArgumentNullException.ThrowIfNull(test.Prompts, nameof(test));
        foreach (var model in (ReadOnlySpan<ModelUnderTest>)[test.Current, test.Candidate])
        {
            if (string.IsNullOrWhiteSpace(model.Provider) || string.IsNullOrWhiteSpace(model.Model))
            {
                throw new ArgumentException("Both models need a provider and a model name.", nameof(test));
            }
        }

        if (test.Prompts.Count is 0 or > MaxPrompts)
        {
            throw new ArgumentException($"A test sends between 1 and {MaxPrompts} prompts.", nameof(test));
        }

        for (var i = 0; i < test.Prompts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(test.Prompts[i]))
            {
                // By index: the prompts themselves never go into a message.
                throw new ArgumentException($"Prompt {i} is empty.", nameof(test));
            }
        }

        if (test.CallTimeout <= TimeSpan.Zero || test.CallTimeout > ChatEndpoints.MaxCallDuration)
        {
            throw new ArgumentException($"The call timeout must be positive and at most {ChatEndpoints.MaxCallDuration}.", nameof(test));
        }
    }
}
