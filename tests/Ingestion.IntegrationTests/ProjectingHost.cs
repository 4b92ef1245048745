namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>Ingestion, and Aggregation's projections over what it stores (see <see cref="AggregationProjections"/>).</summary>
public class ProjectingHost : IngestionHost
{
    private AggregationProjections? _projections;

    public AggregationProjections Projections => _projections!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _projections = AggregationProjections.Start(this);
    }

    public override async Task DisposeAsync()
    {
        if (_projections is not null)
        {
            await _projections.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
