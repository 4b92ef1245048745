namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>Calls whose prompt had at most <see cref="UpToTokens"/> input tokens (and more than the bucket before); null for the open last bucket.</summary>
public sealed record PromptLengthBucket(long? UpToTokens, long Requests);
