using Microsoft.Extensions.Hosting;
using TokenOptimizer.Provisioning;
using TokenOptimizer.Provisioning.Services;

namespace TokenOptimizer.AppHost;

/// <summary>
/// Builds the dashboard when it is missing or stale (<see cref="DashboardBuilder"/>), so the Query service serves the
/// current app at <c>/</c>. If that fails (no npm, no registry) the services still start, with a line saying why.
/// </summary>
internal sealed class DashboardBuild(AppHostOptions options, Console console) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!DashboardBuilder.IsStale())
        {
            return;
        }

        console.Step("Building the dashboard (npm)");
        var log = Path.Combine(options.DataFolder, "logs", "dashboard-build.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await using var writer = new StreamWriter(log, append: true);
        try
        {
            await DashboardBuilder.EnsureBuiltAsync(writer.WriteLine, cancellationToken);
            console.Detail($"built into {DashboardBuilder.Output}");
        }
        catch (ProvisioningException failed)
        {
            console.Detail($"{failed.Message.Split('\n')[0]} (log: {log}); the services start without a fresh dashboard.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
