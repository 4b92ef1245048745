using System.Net.Sockets;
using System.Net;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingTheCli;

/// <summary><c>tokenopt init</c> and where later commands find their endpoint and key: flag, then variable, then config file.</summary>
[Collection(InTurnCollection.Name)]
public sealed class InitialisingTheConnection(SharedSystem system)
{
    [Fact]
    public async Task GoodEndpointAndKey_AreSavedForItsOwnerOnly_AndUsedByLaterCommands()
    {
        var environment = CliEnvironment.Isolated();
        var config = environment["TOKENOPT_CONFIG"];

        var init = await CliRun.InvokeAsync(environment, "init", "--endpoint", system.QueryUrl.ToString(), "--api-key", system.ReadKey);
        var status = await CliRun.InvokeAsync(environment, "status");

        Assert.True(init.ExitCode == 0, init.Errors);
        Assert.Contains($"Connected to {system.QueryUrl}", init.Output, StringComparison.Ordinal);
        var saved = JsonDocument.Parse(await File.ReadAllTextAsync(config)).RootElement;
        Assert.Equal(system.QueryUrl.ToString(), saved.GetProperty("endpoint").GetString());
        Assert.Equal(system.ReadKey, saved.GetProperty("apiKey").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
        }

        Assert.True(status.ExitCode == 0, status.Errors);
        Assert.Contains("Spend today:", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEndpoint_IsNamed_AndNothingIsSaved()
    {
        var environment = CliEnvironment.Isolated();
        var closed = ClosedPort();

        var init = await CliRun.InvokeAsync(environment, "init", "--endpoint", $"http://127.0.0.1:{closed}", "--api-key", system.ReadKey);

        Assert.Equal(1, init.ExitCode);
        Assert.Contains($"Cannot reach http://127.0.0.1:{closed}/", init.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(environment["TOKENOPT_CONFIG"]));
    }

    [Fact]
    public async Task EndpointOfAnotherService_IsNamedAsNotTheQueryService()
    {
        var environment = CliEnvironment.Isolated();

        var init = await CliRun.InvokeAsync(environment, "init", "--endpoint", system.IngestionUrl.ToString(), "--api-key", system.ReadKey);

        Assert.Equal(1, init.ExitCode);
        Assert.Contains("is it the Query service's address?", init.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(environment["TOKENOPT_CONFIG"]));
    }

    [Fact]
    public async Task RefusedKey_IsNamed_AndNothingIsSaved()
    {
        var environment = CliEnvironment.Isolated();

        var init = await CliRun.InvokeAsync(environment, "init", "--endpoint", system.QueryUrl.ToString(), "--api-key", ApiKeys.Generate());

        Assert.Equal(1, init.ExitCode);
        Assert.Contains("The API key was refused", init.Errors, StringComparison.Ordinal);
        Assert.Contains("401", init.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(environment["TOKENOPT_CONFIG"]));
    }

    [Fact]
    public async Task Variables_OverrideTheConfigFile_AndFlagsOverrideBoth()
    {
        var environment = CliEnvironment.Isolated();
        Directory.CreateDirectory(Path.GetDirectoryName(environment["TOKENOPT_CONFIG"])!);
        await File.WriteAllTextAsync(environment["TOKENOPT_CONFIG"], JsonSerializer.Serialize(new { endpoint = $"http://127.0.0.1:{ClosedPort()}", apiKey = "wrong" }));

        var fromFile = await CliRun.InvokeAsync(environment, "status");
        environment["TOKENOPT_ENDPOINT"] = system.QueryUrl.ToString();
        environment["TOKENOPT_API_KEY"] = system.ReadKey;
        var fromVariables = await CliRun.InvokeAsync(environment, "status");
        var fromFlag = await CliRun.InvokeAsync(environment, "status", "--api-key", ApiKeys.Generate());

        Assert.Equal(1, fromFile.ExitCode);
        Assert.Contains("Cannot reach", fromFile.Errors, StringComparison.Ordinal);
        Assert.True(fromVariables.ExitCode == 0, fromVariables.Errors);
        Assert.Equal(1, fromFlag.ExitCode);
        Assert.Contains("The API key was refused", fromFlag.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoEndpointAnywhere_SaysHowToGiveOne()
    {
        var run = await CliRun.InvokeAsync(CliEnvironment.Isolated(), "status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No endpoint: run tokenopt init", run.Errors, StringComparison.Ordinal);
    }

    // A port nothing listens on: one the system just gave out and took back.
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
