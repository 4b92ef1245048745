using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// Everything that makes our RabbitMQ node private: its name, ports, folders, config files and the
/// environment that carries them. rabbitmq-server and rabbitmqctl both need the same environment
/// (node name, HOME with the Erlang cookie, epmd port) to find each other.
/// </summary>
internal sealed class RabbitMqNode
{
    public const string UserName = "tokenoptimizer";

    public RabbitMqNode(string folder, int amqpPort, int distributionPort, int epmdPort, string password, string pluginsFolder)
    {
        Folder = folder;
        AmqpPort = amqpPort;
        DistributionPort = distributionPort;
        EpmdPort = epmdPort;
        Password = password;
        PluginsFolder = pluginsFolder;
        Directory.CreateDirectory(folder);

        // Stable across starts: the message database lives in {mnesia}/{node name}.
        var nameFile = Path.Combine(folder, "node-name");
        if (!File.Exists(nameFile))
        {
            File.WriteAllText(nameFile, $"to-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}@localhost");
        }

        NodeName = File.ReadAllText(nameFile).Trim();
    }

    public string Folder { get; }

    public string NodeName { get; }

    public int AmqpPort { get; }

    public int DistributionPort { get; }

    public int EpmdPort { get; }

    public string Password { get; }

    public string PluginsFolder { get; }

    public string PidFile => Path.Combine(Folder, "rabbit.pid");

    public string ServerLog => Path.Combine(Folder, "server.log");

    public string NodeLog => Path.Combine(Folder, "log", $"{NodeName}.log");

    public string EpmdLog => Path.Combine(Folder, "epmd.log");

    private string Home => Path.Combine(Folder, "home");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["RABBITMQ_NODENAME"] = NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Invariant(AmqpPort),
        ["RABBITMQ_DIST_PORT"] = Invariant(DistributionPort),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(Folder, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(Folder, "log"),
        ["RABBITMQ_PLUGINS_DIR"] = PluginsFolder,
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Folder, "enabled_plugins"),
        ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(Folder, "feature_flags"),
        ["RABBITMQ_PID_FILE"] = PidFile,
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(Folder, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Folder, "advanced.config"),

        // Keeps /etc/rabbitmq/rabbitmq-env.conf (the system node's settings) out of ours.
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Folder, "rabbitmq-env.conf"),

        // The Erlang distribution listens on loopback only, like everything else.
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",

        // rabbitmqctl is an Erlang node too; by default it takes a port from 35672-35682, which
        // parallel test processes would fight over. 0 lets the kernel choose.
        ["RABBITMQ_CTL_DIST_PORT_MIN"] = "0",
        ["RABBITMQ_CTL_DIST_PORT_MAX"] = "0",

        // Our own epmd, so that nothing of ours outlives the instance and no other node can see it.
        ["ERL_EPMD_PORT"] = Invariant(EpmdPort),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",

        // The Erlang cookie lives in $HOME; a private HOME keeps it private.
        ["HOME"] = Home,
    };

    public RabbitMqEndpoint Endpoint => new("127.0.0.1", AmqpPort, UserName, Password);

    /// <summary>Writes the config files. They are rewritten on every start; the cookie only once.</summary>
    [SupportedOSPlatform("linux")]
    public void WriteFiles()
    {
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Path.Combine(Folder, "mnesia"));
        Directory.CreateDirectory(Path.Combine(Folder, "log"));
        // It holds the broker password: the node (our account, or rabbitmq after TakeOwnership) alone reads it.
        OwnerOnlyFile.Write(Path.Combine(Folder, "rabbitmq.conf"), $"""
            # Written by TokenOptimizer.Provisioning on every start; edits are lost.
            loopback_users = none
            default_user = {UserName}
            default_pass = {Password}
            # A nearly full disk must not block publishers of a dev or test broker.
            disk_free_limit.absolute = 50MB

            """);
        File.WriteAllText(Path.Combine(Folder, "enabled_plugins"), "[].\n");
        File.WriteAllText(Path.Combine(Folder, "rabbitmq-env.conf"), "");

        // Erlang refuses a cookie that others can read; the cookie lets whoever holds it run code on the node.
        var cookie = Path.Combine(Home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            OwnerOnlyFile.Write(cookie, RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20), UnixFileMode.UserRead);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
