using TokenOptimizer.Catalog;

namespace TokenOptimizer.Recommendations.Tests;

/// <summary>The shipped catalog plus two models with round prices, so expected costs are exact.</summary>
internal static class TestCatalog
{
    public const string Provider = "openai";
    public const string Large = "stub-large";
    public const string Small = "stub-small";

    public const decimal LargeInputPerToken = 10m / 1_000_000;
    public const decimal LargeOutputPerToken = 30m / 1_000_000;
    public const decimal SmallInputPerToken = 0.5m / 1_000_000;
    public const decimal SmallOutputPerToken = 1.5m / 1_000_000;

    public static ModelCatalog Create() => ModelCatalog.LoadDefault()
        .WithCustomPrice(Price(Large, LargeInputPerToken, LargeOutputPerToken))
        .WithCustomPrice(Price(Small, SmallInputPerToken, SmallOutputPerToken));

    private static CustomModelPrice Price(string model, decimal input, decimal output) => new()
    {
        Provider = Provider,
        Model = model,
        Price = new ModelPrice
        {
            Version = $"test:{model}",
            EffectiveFrom = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Standard = new TokenRates { Input = input, Output = output },
        },
    };
}
