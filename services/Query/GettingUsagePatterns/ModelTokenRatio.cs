namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>How much a model writes for what it reads: output tokens per input token; null when it read nothing.</summary>
public sealed record ModelTokenRatio(string Model, long InputTokens, long OutputTokens)
{
    public double? OutputPerInput => InputTokens == 0 ? null : (double)OutputTokens / InputTokens;
}
