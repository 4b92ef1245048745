using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TokenOptimizer.Provisioning;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server) with its own epmd, run as user <c>rabbitmq</c>
/// when we are root. Ready means an AMQP connection with our credentials succeeds.
/// </summary>
internal sealed class RabbitMqServer : IDisposable
{
    private readonly RabbitMqNode _node;
    private readonly string _bin;
    private readonly string _epmd;
    private readonly ServiceAccount _account = ServiceAccount.For("rabbitmq");
    private ServerProcess? _epmdProcess;
    private ServerProcess? _server;
    private int? _beamPid;

    public RabbitMqServer(RabbitMqNode node, string bin, string epmd)
    {
        _node = node;
        _bin = bin;
        _epmd = epmd;
    }

    public RabbitMqEndpoint Endpoint => _node.Endpoint;

    /// <summary>How to stop the Erlang VM: gracefully, so the data survives.</summary>
    public static Signal BeamStopSignal => Signal.Terminate;

    public IEnumerable<int> ProcessIds =>
        new[] { _epmdProcess?.Id, _server?.Id, _beamPid }.OfType<int>();

    [SupportedOSPlatform("linux")]
    public async Task StartAsync(Watchdog watchdog, TimeSpan timeout, Action<string> progress, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        progress(Directory.Exists(Path.Combine(_node.Folder, "mnesia", _node.NodeName))
            ? $"RabbitMQ: reusing node {_node.NodeName} in {_node.Folder}"
            : $"RabbitMQ: creating node {_node.NodeName} in {_node.Folder}");
        _node.WriteFiles();
        await _account.TakeOwnershipAsync(_node.Folder, ct);
        _server?.Dispose(); // a node stopped to be started again
        _epmdProcess?.Dispose();
        _beamPid = null;

        // Started first and waited for: otherwise the node would spawn an epmd of its own that we do not track.
        _epmdProcess = ServerProcess.Start(
            "epmd", _account, _epmd, ["-port", Invariant(_node.EpmdPort), "-address", "127.0.0.1"], _node.EpmdLog, watchdog, Signal.Kill, Stopping.Last, _node.Environment);
        await WaitUntilAsync(
            _epmdProcess, _node.EpmdLog, TimeSpan.FromSeconds(10), ct, () => FreePorts.AcceptsConnectionsAsync(_node.EpmdPort, ct));

        progress($"RabbitMQ: starting on 127.0.0.1:{_node.AmqpPort}, log {_node.NodeLog}");
        _server = ServerProcess.Start(
            "RabbitMQ", _account, Path.Combine(_bin, "rabbitmq-server"), [], _node.ServerLog, watchdog, BeamStopSignal, Stopping.ProcessGroup, _node.Environment);
        await WaitUntilAsync(_server, _node.ServerLog, timeout, ct, () => AcceptsAmqpAsync(ct));

        // The watchdog reads the pid file itself; we need the pid to stop the VM directly.
        _beamPid = ReadBeamPid();

        progress($"RabbitMQ: ready after {stopwatch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Creates a virtual host and gives our user every permission in it.</summary>
    public async Task CreateVirtualHostAsync(string name, CancellationToken ct)
    {
        await RabbitMqCtlAsync(["add_vhost", name], ct);
        await RabbitMqCtlAsync(["set_permissions", "-p", name, RabbitMqNode.UserName, ".*", ".*", ".*"], ct);
    }

    /// <summary>Signals the node to stop: its own stop signal, or <paramref name="signal"/> (graceful: <see cref="Signal.Terminate"/>).</summary>
    public void BeginStop(Signal? signal = null)
    {
        // The whole group: the script and the VM, whose pid we do not know if the start was interrupted.
        _beamPid ??= ReadBeamPid();
        _server?.SendToGroup(signal ?? BeamStopSignal);
    }

    public bool WaitForStop(TimeSpan timeout)
    {
        var stopped = (_server?.WaitForExit(timeout) ?? true)
                      && (_beamPid is not { } beam || ProcessTable.WaitUntilGone([beam], timeout));

        // Whatever is left in the group (nothing, unless the graceful stop timed out).
        _server?.SendToGroup(Signal.Kill);

        // epmd last: the VM talks to it until it is down.
        _epmdProcess?.Send(Signal.Kill);
        return (_epmdProcess?.WaitForExit(TimeSpan.FromSeconds(5)) ?? true) && stopped;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _epmdProcess?.Dispose();
    }

    private async Task RabbitMqCtlAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        var result = await CommandRunner.RunAsAsync(
            _account, Path.Combine(_bin, "rabbitmqctl"), ["-q", "-n", _node.NodeName, .. arguments], _node.Environment, null, ct);
        result.ThrowIfFailed("running rabbitmqctl");
    }

    private async Task<bool> AcceptsAmqpAsync(CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = _node.AmqpPort,
            UserName = RabbitMqNode.UserName,
            Password = _node.Password,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync("provisioning-readiness", ct);
            return true;
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException)
        {
            // Not listening yet, or still booting.
            return false;
        }
    }

    private int? ReadBeamPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(_node.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task WaitUntilAsync(ServerProcess process, string log, TimeSpan timeout, CancellationToken ct, Func<Task<bool>> ready)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new ProvisioningException(
                    $"{process.Name} exited with code {process.ExitCode} while starting.\n{LogTail.Read(log)}\n{LogTail.Read(_node.NodeLog)}");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        throw new ProvisioningException(
            $"{process.Name} was not ready within {timeout.TotalSeconds:0} s.\n{LogTail.Read(log)}\n{LogTail.Read(_node.NodeLog)}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
