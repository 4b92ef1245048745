namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>
/// How well callers predict their prompts' size, over the calls that sent an estimate. Accuracy is
/// 1 − Σ|estimate − actual| / Σactual: absolute errors, so over- and under-estimates do not cancel out; it falls
/// below 0 when estimates are off by more than the prompts' size. Both are null when nothing was estimated.
/// </summary>
public sealed record TokenEfficiency(long EstimatedCalls, long EstimatedInputTokens, long ActualInputTokens, long AbsoluteErrorTokens)
{
    public double? MeanAbsoluteErrorTokens => EstimatedCalls == 0 ? null : (double)AbsoluteErrorTokens / EstimatedCalls;

    public double? EstimateAccuracy => ActualInputTokens == 0 ? null : 1 - (double)AbsoluteErrorTokens / ActualInputTokens;
}
