using TokenOptimizer.Catalog;

namespace TokenOptimizer.Recommendations;

/// <summary>
/// The model quality scores: the shipped file, with the entries of <c>Recommendations:QualityFile</c> (a user's own
/// evaluations, same format) replacing the shipped ones model by model.
/// </summary>
public static class QualityData
{
    public static ModelQuality Load(IConfiguration configuration)
    {
        var shipped = ModelQuality.LoadDefault();
        if (configuration[$"{RecommendationsOptions.Section}:QualityFile"] is not { Length: > 0 } path)
        {
            return shipped;
        }

        using var file = File.OpenRead(path);
        return shipped.OverriddenBy(ModelQuality.Load(file));
    }
}
