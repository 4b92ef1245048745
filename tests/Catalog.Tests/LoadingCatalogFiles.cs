using System.Text;

namespace TokenOptimizer.Catalog.Tests;

public class LoadingCatalogFiles
{
    private static ModelCatalog Load(string json) => ModelCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void DatedShippedPrices_ApplyFromTheirOwnDates()
    {
        var catalog = Load("""
            {"models":[{"key":"m","provider":"acme","prices":[
              {"effectiveFrom":"2026-07-01T00:00:00Z","version":"v2","input":"0.000002"},
              {"effectiveFrom":"0001-01-01T00:00:00Z","version":"v1","input":"0.000001"}]}]}
            """);

        Assert.Equal("v1", catalog.FindPrice("m", new(2026, 6, 30, 23, 59, 59, TimeSpan.Zero))!.Version);
        Assert.Equal("v2", catalog.FindPrice("m", new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero))!.Version);
    }

    [Theory]
    [InlineData("""{"models":[{"key":"m","provider":"acme","prices":[{"effectiveFrom":"0001-01-01T00:00:00Z","version":"v","input":"3e-7"}]}]}""")]
    [InlineData("""{"models":[{"key":"m","provider":"acme","prices":[{"effectiveFrom":"0001-01-01T00:00:00Z","version":"v","input":0.0000003}]}]}""")]
    [InlineData("""{"models":[{"key":"m","provider":"acme","capabilities":["telepathy"],"prices":[]}]}""")]
    [InlineData("""{"models":[{"key":"m","provider":"acme","prices":[]},{"key":"M","provider":"acme","prices":[]}]}""")]
    [InlineData("""{"models":[""")]
    public void MalformedData_IsRejected(string json) =>
        Assert.Throws<InvalidDataException>(() => Load(json));
}
