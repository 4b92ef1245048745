namespace TokenOptimizer.ReadModels.ProviderHealth;

/// <summary>A period a provider's circuit was not closed: from opening to closing again.</summary>
public sealed record ProviderIncident(string Provider, DateTimeOffset StartedAt, DateTimeOffset EndedAt, double PeakErrorRate)
{
    public TimeSpan Duration => EndedAt - StartedAt;
}
