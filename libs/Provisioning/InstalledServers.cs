using System.Globalization;

namespace TokenOptimizer.Provisioning;

/// <summary>Where Debian's <c>postgresql</c> and <c>rabbitmq-server</c> packages put their programs.</summary>
public static class InstalledServers
{
    private const string PostgresRoot = "/usr/lib/postgresql";
    private const string RabbitMqRoot = "/usr/lib/rabbitmq";

    /// <summary>The newest installed PostgreSQL's bin folder (e.g. /usr/lib/postgresql/15/bin), or null.</summary>
    public static string? FindPostgresBin()
    {
        if (!Directory.Exists(PostgresRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(PostgresRoot)
            .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir))))
            .Where(x => x.version is not null
                        && File.Exists(Path.Combine(x.dir, "bin", "postgres"))
                        && File.Exists(Path.Combine(x.dir, "bin", "initdb")))
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "bin"))
            .FirstOrDefault();
    }

    /// <summary>RabbitMQ's scripts folder (rabbitmq-server, rabbitmqctl), or null.</summary>
    public static string? FindRabbitMqBin()
    {
        var bin = Path.Combine(RabbitMqRoot, "bin");
        return File.Exists(Path.Combine(bin, "rabbitmq-server")) && File.Exists(Path.Combine(bin, "rabbitmqctl"))
            ? bin
            : null;
    }

    /// <summary>The newest installed RabbitMQ's plugins folder, which also holds the broker's own applications.</summary>
    public static string? FindRabbitMqPlugins()
    {
        var lib = Path.Combine(RabbitMqRoot, "lib");
        if (!Directory.Exists(lib))
        {
            return null;
        }

        return Directory.EnumerateDirectories(lib, "rabbitmq_server-*")
            .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir)["rabbitmq_server-".Length..])))
            .Where(x => x.version is not null && Directory.Exists(Path.Combine(x.dir, "plugins")))
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "plugins"))
            .FirstOrDefault();
    }

    /// <summary>Erlang's port mapper daemon, installed with RabbitMQ's dependency erlang-base.</summary>
    public static string? FindEpmd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Append("/usr/bin")
        .Select(dir => Path.Combine(dir, "epmd"))
        .FirstOrDefault(File.Exists);

    private static Version? ParseVersion(string text)
    {
        var numeric = new string(text.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray()).TrimEnd('.');
        if (!numeric.Contains('.', StringComparison.Ordinal))
        {
            numeric += ".0";
        }

        return Version.TryParse(numeric, out var version) ? version : null;
    }

    /// <summary>The major version a PostgreSQL data folder was made by (its PG_VERSION file), or null.</summary>
    public static int? DataFolderMajorVersion(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "PG_VERSION");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim().Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? major
            : null;
    }
}
