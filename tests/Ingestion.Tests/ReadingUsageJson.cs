using System.Text.Json;
using TokenOptimizer.Ingestion.RecordingUsage;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class ReadingUsageJson
{
    [Fact]
    public void MissingRequiredFields_StillParse_SoTheValidatorCanNameThem()
    {
        var incoming = UsageJson.Read(JsonDocument.Parse("""{"model":"gpt-4o","inputTokens":5}""").RootElement);

        Assert.Null(incoming.ParseErrors);
        Assert.Equal("gpt-4o", incoming.Record!.Model);
        Assert.Null(incoming.Record.RequestId);
    }

    [Fact]
    public void WrongValueType_IsAnErrorOnThatField()
    {
        var incoming = UsageJson.Read(JsonDocument.Parse("""{"requestId":"r","inputTokens":"many"}""").RootElement);

        Assert.Null(incoming.Record);
        Assert.Equal(["inputTokens"], incoming.ParseErrors!.Keys);
    }

    [Fact]
    public void QuarantineSnapshot_KeepsOnlyContractFields_NeverAPrompt()
    {
        var incoming = UsageJson.Read(JsonDocument.Parse("""{"requestId":"r","inputTokens":"x","prompt":"secret text"}""").RootElement);

        Assert.Contains("requestId", incoming.Snapshot);
        Assert.DoesNotContain("secret", incoming.Snapshot);
        Assert.DoesNotContain("prompt", incoming.Snapshot);
    }

    [Fact]
    public void NonObject_IsRejected() =>
        Assert.NotNull(UsageJson.Read(JsonDocument.Parse("42").RootElement).ParseErrors);
}
