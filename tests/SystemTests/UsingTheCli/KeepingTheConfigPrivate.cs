using TokenOptimizer.Tokenopt.Connecting;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary>The config file holds an API key: it is 0600 whatever mode an earlier file had.</summary>
public sealed class KeepingTheConfigPrivate : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tokenopt-config-").FullName;

    [Fact]
    public void WorldReadableConfig_IsReplacedByAnOwnerOnlyOne()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_folder, "config.json");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        new ConfigFile(path).Write(new Settings { Endpoint = "http://localhost:5080", ApiKey = "tok_abc_secret" });

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("tok_abc_secret", new ConfigFile(path).Read().ApiKey);
        Assert.Single(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
