using OpenTelemetry.Proto.Collector.Trace.V1;
using TokenOptimizer.Ingestion.RecordingUsage;

namespace TokenOptimizer.Ingestion.ReceivingTraces;

/// <summary>Walks an export request's resources and spans and keeps only the usage records of the model calls.</summary>
public sealed class SpansToUsage(GenAiSpanMapper mapper)
{
    public ReceivedSpans Read(ExportTraceServiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calls = new List<IncomingUsage>();
        var spanIds = new List<string>();
        var ignored = 0;
        foreach (var resourceSpans in request.ResourceSpans)
        {
            foreach (var span in resourceSpans.ScopeSpans.SelectMany(scope => scope.Spans))
            {
                if (mapper.Map(span, resourceSpans.Resource) is { } usage)
                {
                    calls.Add(IncomingUsage.Parsed(usage));
                    spanIds.Add(Convert.ToHexStringLower(span.SpanId.Span));
                }
                else
                {
                    ignored++;
                }
            }
        }

        return new ReceivedSpans(calls, spanIds, ignored);
    }
}
