using System.Globalization;
using System.Runtime.Versioning;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// The folder holding both servers' data, logs and generated secrets. When running as root the servers
/// run as <c>postgres</c> and <c>rabbitmq</c>, which must be able to reach it: every parent folder has to
/// be searchable by others, which rules out anything under <c>/root</c>.
/// </summary>
public sealed class InstanceFolder
{
    private const UnixFileMode Searchable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private InstanceFolder(string path, bool isTemporary)
    {
        Path = path;
        IsTemporary = isTemporary;
    }

    /// <summary>The folder, absolute.</summary>
    public string Path { get; }

    /// <summary>True when we made up the folder under the temp path (so nobody else will want it).</summary>
    public bool IsTemporary { get; }

    /// <summary>Where fresh folders go when the caller names none.</summary>
    public static string TemporaryRoot => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tokenoptimizer");

    /// <summary>Creates the folder (a fresh one under the temp path when <paramref name="requested"/> is null) and checks the servers' users can enter it.</summary>
    /// <exception cref="ProvisioningException">As root, the folder lies where the users postgres and rabbitmq cannot enter.</exception>
    [SupportedOSPlatform("linux")]
    public static InstanceFolder Prepare(string? requested)
    {
        var isTemporary = requested is null;
        var path = System.IO.Path.GetFullPath(requested ?? System.IO.Path.Combine(
            SharedTemporaryRoot(),
            string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}")));

        try
        {
            Directory.CreateDirectory(path);
        }
        catch (UnauthorizedAccessException) when (isTemporary)
        {
            // Another user's root without write access for us: use a root of our own.
            path = System.IO.Path.Combine($"{TemporaryRoot}-{Environment.UserName}", System.IO.Path.GetFileName(path));
            Directory.CreateDirectory(path);
        }

        SetSearchable(path);
        if (ServiceAccount.IsRoot)
        {
            EnsureReachableByOthers(path);
        }

        return new InstanceFolder(path, isTemporary);
    }

    /// <summary>A path inside the folder.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    // Shared by every user of the machine, like /tmp itself: world-writable with the sticky bit.
    [SupportedOSPlatform("linux")]
    private static string SharedTemporaryRoot()
    {
        var created = !Directory.Exists(TemporaryRoot);
        Directory.CreateDirectory(TemporaryRoot);
        if (created || ServiceAccount.IsRoot)
        {
            try
            {
                File.SetUnixFileMode(TemporaryRoot, (UnixFileMode)Convert.ToInt32("1777", 8));
            }
            catch (UnauthorizedAccessException)
            {
                // Made at the same moment by another user, who set it.
            }
        }

        return TemporaryRoot;
    }

    [SupportedOSPlatform("linux")]
    private static void SetSearchable(string directory, UnixFileMode mode = Searchable)
    {
        if (!ServiceAccount.IsRoot)
        {
            return; // the servers run as us: nobody else needs in
        }

        try
        {
            File.SetUnixFileMode(directory, mode);
        }
        catch (UnauthorizedAccessException)
        {
            // Someone else's folder keeps its mode; EnsureReachableByOthers says if that is a problem.
        }
    }

    [SupportedOSPlatform("linux")]
    private static void EnsureReachableByOthers(string path)
    {
        for (var directory = new DirectoryInfo(path); directory is not null; directory = directory.Parent)
        {
            if ((directory.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                throw new ProvisioningException(
                    $"The data folder {path} is inside {directory.FullName}, which the users 'postgres' and 'rabbitmq' " +
                    "cannot enter (it lacks the others-execute permission). Choose a folder under /var/tmp or /tmp, " +
                    $"or run: chmod o+x {directory.FullName}");
            }
        }
    }
}
