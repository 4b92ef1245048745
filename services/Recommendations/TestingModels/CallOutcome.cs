namespace TokenOptimizer.Recommendations.TestingModels;

public enum CallOutcome
{
    Succeeded,
    Failed,
}
