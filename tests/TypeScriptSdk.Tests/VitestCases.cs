using System.Text.Json;
using Xunit;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>The ids of the SDK's Vitest cases (<c>file &gt; describe &gt; test</c>), asked of Vitest itself so each becomes its own xunit case.</summary>
public static class VitestCases
{
    public static TheoryData<string> List()
    {
        SdkFolder.EnsureInstalled();
        var (exitCode, output) = SdkFolder.Run("npx", ["vitest", "list", "--json"], new Dictionary<string, string>());
        var start = output.IndexOf('[', StringComparison.Ordinal);
        if (exitCode != 0 || start < 0)
        {
            throw new InvalidOperationException($"Listing the TypeScript SDK's tests failed (exit {exitCode}):\n{output}");
        }

        using var listed = JsonDocument.Parse(output[start..(output.LastIndexOf(']') + 1)]);
        var ids = listed.RootElement.EnumerateArray().Select(test => IdOf(test.GetProperty("file").GetString()!, test.GetProperty("name").GetString()!)).ToArray();
        return ids.Length > 0 ? new TheoryData<string>(ids) : throw new InvalidOperationException("Vitest listed no tests:\n" + output);
    }

    /// <summary>A case's id: its file relative to <c>sdk/typescript</c>, then its name with the describe blocks.</summary>
    public static string IdOf(string file, string name) => $"{Path.GetRelativePath(SdkFolder.Path, file).Replace('\\', '/')} > {name}";
}
