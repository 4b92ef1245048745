using System.Text.Json;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.Ingestion.RecordingUsage;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>What the quarantine keeps of a hostile record is always storable: no U+0000, no unpaired surrogate.</summary>
public sealed class KeepingRejectsStorable
{
    [Fact]
    public void NulAndUnpairedSurrogates_BecomeReplacementCharacters_PairsStay() =>
        Assert.Equal("a\uFFFDb\uFFFD😀\uFFFD", StorableText.Clean("a\0b\ud800😀\udc00"));

    [Fact]
    public void SnapshotOfAParsedRecord_HoldsNoNul()
    {
        var snapshot = UsageJson.Snapshot(UsageUnderValidation.Valid() with { Feature = "a\0b", Tags = new Dictionary<string, string> { ["k\0"] = "v\0" } });

        Assert.DoesNotContain("\\u0000", snapshot, StringComparison.Ordinal);
        Assert.Equal("a\uFFFDb", JsonDocument.Parse(snapshot).RootElement.GetProperty("feature").GetString());
    }

    [Theory]
    [InlineData("""{"requestId":"r","timeToFirstTokenMs":"Infinity"}""", "timeToFirstTokenMs", "Infinity")]
    [InlineData("""{"requestId":"r","latencyMs":"NaN"}""", "latencyMs", "NaN")]
    [InlineData("""{"requestId":"r","latencyMs":1e400}""", "latencyMs", "Infinity")]
    public void NonFiniteDuration_IsKeptAsItsName(string json, string field, string kept)
    {
        var incoming = UsageJson.Read(JsonDocument.Parse(json).RootElement);

        Assert.Equal(kept, JsonDocument.Parse(incoming.Snapshot).RootElement.GetProperty(field).GetString());
    }

    [Fact]
    public void EscapedUnpairedSurrogate_IsNamed_AndKeptAsWritten()
    {
        var incoming = UsageJson.Read(JsonDocument.Parse("""{"requestId":"r","team":"t\ud800","prompt":"never kept"}""").RootElement);

        Assert.Contains("unpaired surrogate", Assert.Single(incoming.ParseErrors!["team"]));
        var kept = JsonDocument.Parse(incoming.Snapshot).RootElement;
        Assert.Equal("t\\ud800", kept.GetProperty("team").GetString());
        Assert.False(kept.TryGetProperty("prompt", out _));
    }
}
