using System.Text.Json;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>
/// <c>tokenopt config path|show|set</c>: the settings file, the settings in force with the API key masked, and changing
/// one setting after checking its name and value. No server is involved.
/// </summary>
public sealed class ConfiguringTheCli
{
    private const string Secret = "s3cr3tPart";
    private const string Key = "tok_k7f2a9_" + Secret;

    private readonly Dictionary<string, string> _environment = CliEnvironment.Isolated();

    private string ConfigPath => _environment["TOKENOPT_CONFIG"];

    [Fact]
    public async Task Path_IsTheConfigFileInForce()
    {
        var path = await CliRun.InvokeAsync(_environment, "config", "path");

        Assert.Equal((0, ConfigPath), (path.ExitCode, path.Data.Trim()));
    }

    [Fact]
    public async Task SetEndpointAndKey_AreSavedForTheOwnerOnly_AndShowMasksTheKey()
    {
        var setEndpoint = await CliRun.InvokeAsync(_environment, "config", "set", "endpoint", "http://localhost:5080");
        var setKey = await CliRun.InvokeAsync(_environment, "config", "set", "api-key", Key);
        var show = await CliRun.InvokeAsync(_environment, "config", "show");

        Assert.True(setEndpoint.ExitCode == 0 && setKey.ExitCode == 0, setEndpoint.Errors + setKey.Errors);
        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(ConfigPath)).RootElement;
        Assert.Equal(("http://localhost:5080", Key), (saved.GetProperty("endpoint").GetString(), saved.GetProperty("apiKey").GetString()));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        }

        Assert.True(show.ExitCode == 0, show.Errors);
        Assert.Contains(ConfigPath, show.Output, StringComparison.Ordinal);
        Assert.Matches(@"endpoint\s+http://localhost:5080\s+config file", show.Output);
        Assert.Matches(@"api-key\s+tok_k7f2a9_…\s+config file", show.Output);
        Assert.DoesNotContain(Secret, show.Output + show.Errors + setKey.Output + setKey.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_NamesTheFlagOrVariableThatOverridesTheFile()
    {
        await CliRun.InvokeAsync(_environment, "config", "set", "endpoint", "http://saved:5080");
        _environment["TOKENOPT_ENDPOINT"] = "http://from-variable:5080";
        _environment["TOKENOPT_API_KEY"] = Key;

        var byVariable = await CliRun.InvokeAsync(_environment, "config", "show");
        var byFlag = await CliRun.InvokeAsync(_environment, "config", "show", "--endpoint", "http://from-flag:5080");

        Assert.Matches(@"endpoint\s+http://from-variable:5080\s+TOKENOPT_ENDPOINT", byVariable.Output);
        Assert.Matches(@"api-key\s+tok_k7f2a9_…\s+TOKENOPT_API_KEY", byVariable.Output);
        Assert.Matches(@"endpoint\s+http://from-flag:5080\s+flag", byFlag.Output);
        Assert.DoesNotContain(Secret, byVariable.Output + byFlag.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingOne_KeepsTheOther()
    {
        await CliRun.InvokeAsync(_environment, "config", "set", "api-key", Key);

        await CliRun.InvokeAsync(_environment, "config", "set", "endpoint", "https://query.example.com");

        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(ConfigPath)).RootElement;
        Assert.Equal(("https://query.example.com", Key), (saved.GetProperty("endpoint").GetString(), saved.GetProperty("apiKey").GetString()));
    }

    [Theory]
    [InlineData("url", "http://localhost:5080", "Unknown setting 'url'")]
    [InlineData("endpoint", "localhost:5080", "endpoint must be")]
    [InlineData("endpoint", "ftp://files.example.com", "endpoint must be")]
    [InlineData("endpoint", "not a url", "endpoint must be")]
    [InlineData("endpoint", "http://admin:pw@localhost:5080", "endpoint must be a plain URL")]
    [InlineData("api-key", "s3cr3tPart", "api-key is not")]
    [InlineData("api-key", "tok_s3cr3tPart", "api-key is not")]
    [InlineData("api-key", "tok_k7f2a9_s3cr3t Part", "api-key is not")]
    public async Task WrongNameOrValue_IsRefusedNamingTheSetting_AndNothingIsSaved(string name, string value, string error)
    {
        var set = await CliRun.InvokeAsync(_environment, "config", "set", name, value);

        Assert.Equal(1, set.ExitCode);
        Assert.Contains(error, set.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, set.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(ConfigPath));
    }
}
