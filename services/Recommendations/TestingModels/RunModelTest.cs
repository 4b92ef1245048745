using System.Text;

namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// Send each prompt to the current and the candidate model. The prompts live only as long as the run:
/// they are never logged or stored, and this record prints without them.
/// </summary>
public sealed record RunModelTest
{
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(60);

    public required ModelUnderTest Current { get; init; }

    public required ModelUnderTest Candidate { get; init; }

    /// <summary>User messages, sent one per call. Results refer to them by index.</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>How long one call may take before it counts as timed out (at most <see cref="ChatEndpoints.MaxCallDuration"/>).</summary>
    public TimeSpan CallTimeout { get; init; } = DefaultCallTimeout;

    // A record prints every property: keep the prompts out of any log line or exception that formats it.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Current = {Current}, Candidate = {Candidate}, Prompts = {Prompts.Count} prompt(s), CallTimeout = {CallTimeout}");
        return true;
    }
}
