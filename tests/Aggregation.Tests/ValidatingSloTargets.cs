using TokenOptimizer.Access.Http;
using TokenOptimizer.Aggregation.MeasuringSlos;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

/// <summary>SLO targets are checked at the edge, each problem under its path as sent, provider names as written.</summary>
public sealed class ValidatingSloTargets
{
    private static Dictionary<string, string[]> ErrorsOf(SetSloTargets command) => WireNames.ErrorsOf(new SetSloTargetsValidator().Validate(command).Errors);

    [Fact]
    public void ProviderKeys_AreNamedAsWritten_NotCamelCased()
    {
        var errors = ErrorsOf(new SetSloTargets { Providers = new Dictionary<string, SloTargets> { ["OpenAI"] = new() { ErrorRate = 2 } } });

        Assert.Equal(["providers.OpenAI.errorRate"], errors.Keys);
    }

    [Fact]
    public void LatencyPastAWeek_AndAProviderNameWithANul_AreNamed()
    {
        var errors = ErrorsOf(new SetSloTargets
        {
            Global = new() { LatencyP95Ms = 1e300 },
            Providers = new Dictionary<string, SloTargets> { ["open\0ai"] = new() { Availability = 0.9 } },
        });

        Assert.Equal(["global.latencyP95Ms", "providers"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NothingGiven_IsNamedTargets() => Assert.Equal(["targets"], ErrorsOf(new SetSloTargets()).Keys);
}
