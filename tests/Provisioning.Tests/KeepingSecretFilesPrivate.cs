using System.Runtime.Versioning;
using Xunit;

namespace TokenOptimizer.Provisioning.Tests;

/// <summary>The broker password, the Erlang cookie and the stored passwords are readable by their owner only, whatever was there before.</summary>
[SupportedOSPlatform("linux")]
public sealed class KeepingSecretFilesPrivate : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _folder = Directory.CreateTempSubdirectory("tokenopt-secrets-").FullName;

    [Fact]
    public void BrokerConfigAndCookie_AreOwnerOnly_EvenOverAWorldReadableConfig()
    {
        // Given a node folder where an older version left rabbitmq.conf readable by everyone
        var config = Path.Combine(_folder, "rabbitmq.conf");
        File.WriteAllText(config, "default_pass = old");
        File.SetUnixFileMode(config, WorldReadable);
        var node = new RabbitMqNode(_folder, 1, 2, 3, "broker-password", _folder);

        // When the node's files are written
        node.WriteFiles();

        // Then the config, with the password, is 0600 and the cookie 0400, and nothing else was left behind
        Assert.Contains("default_pass = broker-password", File.ReadAllText(config), StringComparison.Ordinal);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(config));
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(Path.Combine(_folder, "home", ".erlang.cookie")));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void StoredPasswords_AreOwnerOnly_EvenOverAWorldReadableFile()
    {
        var file = Path.Combine(_folder, "secrets");
        File.WriteAllText(file, "kept=value\n");
        File.SetUnixFileMode(file, WorldReadable);

        var password = new StoredSecrets(file).GetOrCreate("postgres");

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        Assert.Equal(password, new StoredSecrets(file).GetOrCreate("postgres"));
        Assert.Equal("value", new StoredSecrets(file).GetOrCreate("kept"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
