namespace TokenOptimizer.Catalog;

/// <summary>
/// Prices calls against a <see cref="ModelCatalog"/>. Stateless apart from the catalog, and thread-safe.
/// </summary>
/// <remarks>
/// <para><b>Token convention.</b> Input includes cache reads and writes; output includes reasoning (see
/// <see cref="PricingRequest"/>). So the uncached input, <c>Input − Cached − CacheWrite</c>, is billed at
/// the input rate; cached tokens at the cache-read rate; cache writes at the cache-write rate, their one-hour part
/// (<c>CacheWriteOneHourTokens</c>) at the one-hour rate where the price has one, else the five-minute rate; reasoning
/// tokens at the reasoning rate; and the rest of the output, <c>Output − Reasoning</c>, at the output
/// rate. A missing cache rate falls back to the input rate and a missing reasoning rate to the output
/// rate. A call that needs a rate the price still lacks (say, output tokens of a model priced only per
/// image) is unpriced rather than billed at zero.</para>
/// <para><b>Rate selection</b>, as LiteLLM does it: start from the service tier's rates (batch, flex,
/// priority) where the price has them, else the standard ones. If the prompt (<c>InputTokens</c>, cache
/// included) exceeds 200,000 tokens and the price has an above-200k tier (else, exceeding 128,000, an
/// above-128k tier), <i>every</i> token of the call is billed at that tier's rates, each rate the tier
/// lacks keeping the value chosen so far. The long-context tier thus wins over the service tier, since
/// no source states rates for both at once.</para>
/// <para>The model priced is <c>ResponseModel</c> when the catalog resolves it (the provider's word for what served
/// the call, e.g. the model behind an Azure deployment name); else the model an alias of <c>Model</c> in force at
/// <c>OccurredAt</c> names (<see cref="ModelCatalog.FindAlias"/>); else <c>Model</c>. The price used is the one in
/// force at <c>OccurredAt</c> (<see cref="ModelCatalog.FindPrice"/>).</para>
/// </remarks>
public sealed class CostCalculator
{
    private const long Above200kThreshold = 200_000;
    private const long Above128kThreshold = 128_000;

    private readonly ModelCatalog _catalog;

    /// <summary>Creates a calculator over <paramref name="catalog"/>.</summary>
    public CostCalculator(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <summary>Prices one call, or says why it cannot be priced.</summary>
    public PricingResult Price(PricingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryParseServiceTier(request.ServiceTier, out var serviceTier))
        {
            return PricingResult.Unpriced($"unknown service tier '{request.ServiceTier}'");
        }

        if (InconsistentTokens(request) is { } problem)
        {
            return PricingResult.Unpriced(problem);
        }

        var (key, alias) = ResolveModel(request);
        if (key is null)
        {
            var asked = string.IsNullOrWhiteSpace(request.ResponseModel) ? $"'{request.Model}'" : $"'{request.Model}' (response model '{request.ResponseModel}')";
            var through = alias is null ? "" : $" through alias {alias.Version} to '{alias.Model}'";
            return PricingResult.Unpriced($"unknown model {asked}{through} for provider '{request.Provider}'", aliasVersion: alias?.Version);
        }

        var price = _catalog.FindPrice(key, request.OccurredAt);
        if (price is null)
        {
            return PricingResult.Unpriced($"no price for '{key}' at {request.OccurredAt:O}", key, alias?.Version);
        }

        var rates = AppliedRates.For(price, serviceTier, request.PromptTokensPerCall ?? request.InputTokens);
        var uncachedInput = request.InputTokens - request.CachedInputTokens - request.CacheWriteTokens;
        var fiveMinuteWrites = request.CacheWriteTokens - request.CacheWriteOneHourTokens;
        var plainOutput = request.OutputTokens - request.ReasoningTokens;
        var missing = MissingRate(uncachedInput, rates.Input, "input")
            ?? MissingRate(request.CachedInputTokens, rates.CacheRead, "cache-read")
            ?? MissingRate(fiveMinuteWrites, rates.CacheWrite, "cache-write")
            ?? MissingRate(request.CacheWriteOneHourTokens, rates.CacheWriteOneHour, "one-hour cache-write")
            ?? MissingRate(plainOutput, rates.Output, "output")
            ?? MissingRate(request.ReasoningTokens, rates.Reasoning, "reasoning");
        if (missing is not null)
        {
            return PricingResult.Unpriced($"'{key}' has no {missing} token rate in {price.Version}", key, alias?.Version);
        }

        var cost = new CostBreakdown
        {
            Input = uncachedInput * (rates.Input ?? 0m),
            CachedInput = request.CachedInputTokens * (rates.CacheRead ?? 0m),
            CacheWrite = fiveMinuteWrites * (rates.CacheWrite ?? 0m) + request.CacheWriteOneHourTokens * (rates.CacheWriteOneHour ?? 0m),
            Output = plainOutput * (rates.Output ?? 0m),
            Reasoning = request.ReasoningTokens * (rates.Reasoning ?? 0m),
        };
        return PricingResult.Priced(key, price.Version, cost, alias?.Version);
    }

    // The provider's word for what served the call first; then an administrator's alias for the name asked for, in
    // force when the call was made; then that name itself.
    private (string? Key, ModelAlias? Alias) ResolveModel(PricingRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.ResponseModel) && _catalog.ResolveModel(request.Provider, request.ResponseModel) is { } key)
        {
            return (key, null);
        }

        return _catalog.FindAlias(request.Provider, request.Model, request.OccurredAt) is { } alias
            ? (_catalog.ResolveModel(request.Provider, alias.Model), alias)
            : (_catalog.ResolveModel(request.Provider, request.Model), null);
    }

    private static bool TryParseServiceTier(string? text, out ServiceTier tier)
    {
        tier = text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "standard" or "default" => ServiceTier.Standard,
            "batch" or "batches" => ServiceTier.Batch,
            "flex" => ServiceTier.Flex,
            "priority" => ServiceTier.Priority,
            _ => ServiceTier.Unknown,
        };
        return tier != ServiceTier.Unknown;
    }

    private static string? InconsistentTokens(PricingRequest r)
    {
        if (r.InputTokens < 0 || r.OutputTokens < 0 || r.CachedInputTokens < 0 || r.CacheWriteTokens < 0 || r.CacheWriteOneHourTokens < 0
            || r.ReasoningTokens < 0)
        {
            return "negative token count";
        }

        if (r.CacheWriteOneHourTokens > r.CacheWriteTokens)
        {
            return "one-hour cache-write tokens exceed cache-write tokens";
        }

        if (r.CachedInputTokens + r.CacheWriteTokens > r.InputTokens)
        {
            return "cached and cache-write tokens exceed input tokens";
        }

        return r.ReasoningTokens > r.OutputTokens ? "reasoning tokens exceed output tokens" : null;
    }

    private enum ServiceTier
    {
        Unknown,
        Standard,
        Batch,
        Flex,
        Priority,
    }

    private static string? MissingRate(long tokens, decimal? rate, string kind) => tokens > 0 && rate is null ? kind : null;

    private readonly record struct AppliedRates(
        decimal? Input, decimal? Output, decimal? CacheRead, decimal? CacheWrite, decimal? CacheWriteOneHour, decimal? Reasoning)
    {
        public static AppliedRates For(ModelPrice price, ServiceTier serviceTier, long promptTokens)
        {
            var standard = price.Standard;
            var service = serviceTier switch
            {
                ServiceTier.Batch => price.Batch,
                ServiceTier.Flex => price.Flex,
                ServiceTier.Priority => price.Priority,
                _ => null,
            };
            var context = promptTokens > Above200kThreshold && price.Above200k is not null ? price.Above200k
                : promptTokens > Above128kThreshold && price.Above128k is not null ? price.Above128k
                : null;

            var input = context?.Input ?? service?.Input ?? standard.Input;
            var output = context?.Output ?? service?.Output ?? standard.Output;
            var cacheWrite = context?.CacheWrite ?? service?.CacheWrite ?? standard.CacheWrite ?? input;
            return new AppliedRates(
                input,
                output,
                CacheRead: context?.CacheRead ?? service?.CacheRead ?? standard.CacheRead ?? input,
                CacheWrite: cacheWrite,
                // Like every rate a tier lacks, a long-context tier without a one-hour rate keeps the standard one
                // (LiteLLM states one for few models); a price with no one-hour rate at all bills those writes as five-minute ones.
                CacheWriteOneHour: context?.CacheWriteOneHour ?? service?.CacheWriteOneHour ?? standard.CacheWriteOneHour ?? cacheWrite,
                Reasoning: context?.Reasoning ?? service?.Reasoning ?? standard.Reasoning ?? output);
        }
    }
}
