namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>A quality score difference (0–100 scale) in plain words.</summary>
public static class QualityImpact
{
    public const string NotApplicable = "no change to the model";

    public static string Label(double? delta) => delta switch
    {
        null => "unknown: no quality score for one of the models",
        >= 2 => "better",
        >= -1 => "about the same",
        >= -5 => "slightly lower",
        _ => "noticeably lower",
    };
}
