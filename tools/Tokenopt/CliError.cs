namespace TokenOptimizer.Tokenopt;

/// <summary>A problem the user can fix (a wrong endpoint or key, bad input, an error from the API): shown as its message, exit code 1.</summary>
public sealed class CliError(string message) : Exception(message);
