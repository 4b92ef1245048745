using TokenOptimizer.Aggregation.DetectingAnomalies;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class DetectingAnomalies
{
    private static readonly double[] Week = [100, 104, 97, 101, 99, 103, 98];

    [Fact]
    public void ValueFarFromTheBaseline_IsAnAnomaly()
    {
        var comparison = RobustBaseline.Compare(250, Week, minimumDeviation: 1)!;

        Assert.True(comparison.IsAnomaly);
        Assert.Equal(100, comparison.Median);
        Assert.Equal(2, comparison.Mad);
    }

    [Fact]
    public void ValueWithinTheBaselinesSpread_IsNot() =>
        Assert.False(RobustBaseline.Compare(105, Week, minimumDeviation: 1)!.IsAnomaly);

    [Fact]
    public void OneBadDayInTheBaseline_DoesNotMoveIt()
    {
        var comparison = RobustBaseline.Compare(250, [100, 104, 97, 1_000, 99, 103, 98], minimumDeviation: 1)!;

        Assert.True(comparison.IsAnomaly);
        Assert.Equal(100, comparison.Median);
    }

    [Fact]
    public void FlatBaseline_NeedsAMaterialDeviation()
    {
        Assert.False(RobustBaseline.Compare(0.51, [0.5, 0.5, 0.5, 0.5, 0.5], minimumDeviation: 1)!.IsAnomaly);
        Assert.True(RobustBaseline.Compare(3, [0.5, 0.5, 0.5, 0.5, 0.5], minimumDeviation: 1)!.IsAnomaly);
    }

    [Fact]
    public void ShortBaseline_IsNotJudged() => Assert.Null(RobustBaseline.Compare(250, [100, 101, 99], minimumDeviation: 1));
}
