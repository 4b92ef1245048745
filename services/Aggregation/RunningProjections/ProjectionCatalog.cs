namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>Every read model this service keeps, by its public name.</summary>
public sealed class ProjectionCatalog(IEnumerable<ReadModelProjection> projections)
{
    public IReadOnlyList<ReadModelProjection> Projections { get; } = projections.ToList();

    public ReadModelProjection? Find(string name) => Projections.FirstOrDefault(p => p.Name == name);
}
