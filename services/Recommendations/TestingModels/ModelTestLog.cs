namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>What a model test logs: models, counts, indexes and error kinds. Never a prompt, an answer or a key.</summary>
internal static partial class ModelTestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Model test started: {CurrentProvider}/{CurrentModel} against {CandidateProvider}/{CandidateModel}, {PromptCount} prompt(s)")]
    public static partial void Started(ILogger logger, string currentProvider, string currentModel, string candidateProvider, string candidateModel, int promptCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model test call failed: {Provider}/{Model}, prompt {PromptIndex}: {Error} (HTTP {HttpStatus}, {ExceptionType})")]
    public static partial void CallFailed(ILogger logger, string provider, string model, int promptIndex, CallErrorKind error, int? httpStatus, string? exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model test completed: {PromptCount} prompt(s), {CurrentFailures} failed call(s) on the current model, {CandidateFailures} on the candidate")]
    public static partial void Completed(ILogger logger, int promptCount, int currentFailures, int candidateFailures);
}
