namespace TokenOptimizer.Provisioning;

/// <summary>
/// Makes sure the server packages are installed. As root we install them with apt-get; otherwise we say
/// exactly which command to run, since installing needs root.
/// </summary>
public static class DebianPackages
{
    /// <summary>The PostgreSQL server package.</summary>
    public const string Postgres = "postgresql";

    /// <summary>The RabbitMQ server package.</summary>
    public const string RabbitMq = "rabbitmq-server";

    // Test assemblies run as parallel processes; apt's own lock makes the others wait (DPkg::Lock::Timeout).
    private static readonly SemaphoreSlim OneInstallAtATime = new(1, 1);

    /// <summary>Installs the packages of the servers asked for that are missing (as root), or says which command to run.</summary>
    /// <param name="postgres">Whether PostgreSQL is needed.</param>
    /// <param name="rabbitMq">Whether RabbitMQ is needed.</param>
    /// <param name="progress">Receives apt's output.</param>
    /// <param name="ct">Cancels the install.</param>
    /// <exception cref="ProvisioningException">A package is missing and we are not root, or apt failed.</exception>
    public static async Task EnsureInstalledAsync(bool postgres, bool rabbitMq, Action<string> progress, CancellationToken ct)
    {
        var missing = Missing(postgres, rabbitMq);
        if (missing.Count == 0)
        {
            return;
        }

        var packages = string.Join(' ', missing);
        if (!ServiceAccount.IsRoot)
        {
            throw new ProvisioningException(
                $"The Debian package(s) {packages} are not installed, and installing them needs root. Run:\n" +
                $"  sudo apt-get update && sudo apt-get install -y {packages}\n" +
                "or point ConnectionStrings__postgres / ConnectionStrings__rabbitmq at servers you already have.");
        }

        await OneInstallAtATime.WaitAsync(ct);
        try
        {
            missing = Missing(postgres, rabbitMq);
            if (missing.Count > 0)
            {
                await InstallAsync(missing, progress, ct);
            }
        }
        finally
        {
            OneInstallAtATime.Release();
        }

        missing = Missing(postgres, rabbitMq);
        if (missing.Count > 0)
        {
            throw new ProvisioningException(
                $"apt-get reported success but {string.Join(' ', missing)} is still missing (looked in /usr/lib/postgresql and /usr/lib/rabbitmq).");
        }
    }

    private static List<string> Missing(bool postgres, bool rabbitMq)
    {
        var missing = new List<string>();
        if (postgres && InstalledServers.FindPostgresBin() is null)
        {
            missing.Add(Postgres);
        }

        if (rabbitMq && (InstalledServers.FindRabbitMqBin() is null || InstalledServers.FindEpmd() is null))
        {
            missing.Add(RabbitMq);
        }

        return missing;
    }

    private static async Task InstallAsync(List<string> packages, Action<string> progress, CancellationToken ct)
    {
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] install = ["-o", "DPkg::Lock::Timeout=600", "install", "-y", "--no-install-recommends", .. packages];
        progress($"Installing {string.Join(' ', packages)} with apt-get");
        var result = await CommandRunner.RunAsync("apt-get", install, environment, line => progress($"apt: {line}"), ct);
        if (result.Succeeded)
        {
            return;
        }

        // Usually "Unable to locate package": the package lists are empty or stale. Refresh them once.
        progress("apt-get install failed; running apt-get update and retrying");
        var update = await CommandRunner.RunAsync("apt-get", ["-o", "DPkg::Lock::Timeout=600", "update"], environment, line => progress($"apt: {line}"), ct);
        update.ThrowIfFailed("refreshing the package lists");
        result = await CommandRunner.RunAsync("apt-get", install, environment, line => progress($"apt: {line}"), ct);
        result.ThrowIfFailed($"installing {string.Join(' ', packages)}");
    }
}
