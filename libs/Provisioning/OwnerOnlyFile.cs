using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Files holding a secret (a password, the Erlang cookie), readable by their owner only from the moment they exist:
/// the text goes to a new file created with the narrow mode, which is then renamed over the old one. Writing the file
/// and narrowing its mode afterwards would leave a window in which the secret is readable by everyone, and rewriting
/// an existing file keeps whatever wider mode it had.
/// </summary>
internal static class OwnerOnlyFile
{
    /// <summary>Read and write for the owner: 0600.</summary>
    public const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [SupportedOSPlatform("linux")]
    public static void Write(string path, string contents, UnixFileMode mode = ReadWrite)
    {
        var temporary = $"{path}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
