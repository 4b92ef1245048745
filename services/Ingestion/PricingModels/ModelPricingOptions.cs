namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>How custom prices spread to every instance, and how re-pricing reads the log. Section <c>ModelPricing</c>.</summary>
public sealed class ModelPricingOptions
{
    public const string Section = "ModelPricing";

    /// <summary>How often each instance looks for prices set elsewhere.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after recording a price the re-price keeps looking for records other instances priced
    /// with the catalog they held before they refreshed: longer than <see cref="RefreshInterval"/> plus
    /// the time a batch takes to price and append.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Usage records read per query while re-pricing.</summary>
    public int PageSize { get; set; } = 500;
}
