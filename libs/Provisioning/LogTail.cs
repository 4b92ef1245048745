using System.Text;

namespace TokenOptimizer.Provisioning;

/// <summary>The end of a server's log, for error messages that say why a server did not come up.</summary>
internal static class LogTail
{
    public static string Read(string path, int lines = 30)
    {
        try
        {
            // Sharing for write: the server may still be appending.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            const int MaxBytes = 16 * 1024;
            stream.Seek(Math.Max(0, stream.Length - MaxBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            var tail = text.Split('\n').TakeLast(lines + 1);
            return $"--- last lines of {path} ---\n{string.Join('\n', tail).TrimEnd()}";
        }
        catch (IOException)
        {
            return $"--- {path}: no log ---";
        }
        catch (UnauthorizedAccessException)
        {
            return $"--- {path}: not readable ---";
        }
    }
}
