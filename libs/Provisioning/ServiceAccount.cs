namespace TokenOptimizer.Provisioning;

/// <summary>
/// The system user a server runs as. PostgreSQL refuses to run as root and RabbitMQ's packaged files
/// belong to <c>rabbitmq</c>, so when we are root we switch to the package's own user; otherwise the
/// servers simply run as us.
/// </summary>
internal sealed class ServiceAccount
{
    private ServiceAccount(string? userName) => UserName = userName;

    /// <summary>The user to switch to, or null to run as the current user.</summary>
    public string? UserName { get; }

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static ServiceAccount For(string systemUser) => new(IsRoot ? systemUser : null);

    /// <summary>
    /// The command that runs the rest of the command line as this account. <c>setpriv</c> rather than
    /// <c>runuser</c>: it execs in place (no extra parent process), so the pid we start is the server's,
    /// and it leaves the environment alone, which RabbitMQ's settings travel in.
    /// </summary>
    public IReadOnlyList<string> CommandPrefix =>
        UserName is null ? [] : ["setpriv", $"--reuid={UserName}", $"--regid={UserName}", "--init-groups"];

    /// <summary>Hands a folder tree to this account, so the server can write to it.</summary>
    public async Task TakeOwnershipAsync(string path, CancellationToken ct)
    {
        if (UserName is null)
        {
            return;
        }

        var result = await CommandRunner.RunAsync("chown", ["-R", $"{UserName}:{UserName}", path], null, null, ct);
        result.ThrowIfFailed($"giving {path} to user {UserName}");
    }
}
