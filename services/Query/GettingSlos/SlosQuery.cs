using System.Text.Json;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.GettingSlos;

/// <summary>SLO reports and the targets in force, from the Aggregation service, which measures and owns them.</summary>
public sealed class SlosQuery(UpstreamClient upstream)
{
    public async Task<IReadOnlyList<SloReport>> ReportsAsync(CancellationToken cancellationToken)
    {
        var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Get, "/v1/slos", null, cancellationToken);
        return answer?.Deserialize<List<SloReport>>(JsonSerializerOptions.Web) ?? [];
    }

    public async Task<SloTargetSettings> TargetsAsync(CancellationToken cancellationToken) =>
        SloTargetSettings.From((await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Get, "/v1/slos/targets", null, cancellationToken))!.Value);
}
