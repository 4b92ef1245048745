using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Passwords generated on first start and kept in the data folder (readable by its owner only): a
/// reused folder already holds users created with them, so they must not change between starts.
/// </summary>
public sealed class StoredSecrets
{
    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly string _file;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The secrets kept in <paramref name="file"/>, which is created on the first new secret.</summary>
    public StoredSecrets(string file)
    {
        _file = file;
        if (File.Exists(file))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                var separator = line.IndexOf('=', StringComparison.Ordinal);
                if (separator > 0)
                {
                    _values[line[..separator]] = line[(separator + 1)..];
                }
            }
        }
    }

    /// <summary>The stored value, or a new random one (letters and digits only: safe in URIs and config files).</summary>
    [SupportedOSPlatform("linux")]
    public string GetOrCreate(string key, int length = 24)
    {
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var value))
            {
                return value;
            }

            value = RandomNumberGenerator.GetString(Alphabet, length);
            _values[key] = value;
            OwnerOnlyFile.Write(_file, string.Concat(_values.Select(kv => $"{kv.Key}={kv.Value}\n")));
            return value;
        }
    }
}
