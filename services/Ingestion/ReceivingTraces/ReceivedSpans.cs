using TokenOptimizer.Ingestion.RecordingUsage;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>What an export request held: the model calls its GenAI spans record, and how many spans were not calls.</summary>
/// <param name="Calls">One usage record per GenAI model-call span, in the request's order.</param>
/// <param name="SpanIds">The hex span id of each of <see cref="Calls"/>, to name a rejected one.</param>
/// <param name="Ignored">Spans without GenAI attributes, or of agents and tools: not calls, so not usage.</param>
public sealed record ReceivedSpans(IReadOnlyList<IncomingUsage> Calls, IReadOnlyList<string> SpanIds, int Ignored)
{
    public int Total => Calls.Count + Ignored;
}
