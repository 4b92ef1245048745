using System.Diagnostics;
using System.Text.Json;
using TokenOptimizer.Testing;
using TokenOptimizer.SystemTests.Running;
using Xunit;

namespace TokenOptimizer.SystemTests.Deploying;

/// <summary>
/// <c>dotnet run --project AppHost -- --publisher manifest --output-path DIR</c> writes Aspire's deployment manifest; read back,
/// it names every resource a platform team must provide, what each service is given and where each listens.
/// </summary>
[Collection(InTurnCollection.Name)]
public sealed class WritingTheManifest
{
    private static readonly string[] Services = ["ingestion", "aggregation", "recommendations", "query"];

    [Fact]
    public async Task TheManifest_DescribesEveryResource_ItsReferencesEnvironmentAndBindings()
    {
        var resources = await PublishAsync();

        // Every resource, and nothing of the local machine (the dashboard build) nor of --demo
        Assert.Equal(
            ["aggregation", "bootstrap-admin-key", "ingestion", "postgres", "postgres-password", "postgres-server", "postgres-server-password",
             "query", "rabbitmq", "rabbitmq-password", "rabbitmq-password-uri-encoded", "recommendations"],
            resources.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));

        // The servers: containers of the images built from Debian's packages
        var postgresServer = resources.GetProperty("postgres-server");
        Assert.Equal(("container.v0", "tokenoptimizer/postgres:15", 5432), (Text(postgresServer, "type"), Text(postgresServer, "image"), postgresServer.GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32()));
        var rabbitMq = resources.GetProperty("rabbitmq");
        Assert.Equal(("container.v0", "tokenoptimizer/rabbitmq:3", 5672), (Text(rabbitMq, "type"), Text(rabbitMq, "image"), rabbitMq.GetProperty("bindings").GetProperty("tcp").GetProperty("targetPort").GetInt32()));

        // The services' database: reached as its owner, no superuser, with a password generated at deployment
        Assert.Equal(
            "Host={postgres-server.bindings.tcp.host};Port={postgres-server.bindings.tcp.port};Username=tokenoptimizer;Password={postgres-password.value};Database=tokenoptimizer",
            Text(resources.GetProperty("postgres"), "connectionString"));
        foreach (var secret in (string[])["postgres-password", "postgres-server-password", "rabbitmq-password", "bootstrap-admin-key"])
        {
            Assert.True(resources.GetProperty(secret).GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean(), $"{secret} is a secret");
        }

        // Each service: its project, its connection strings by reference, the admin key, no MassTransit telemetry, an HTTP endpoint
        foreach (var name in Services)
        {
            var service = resources.GetProperty(name);
            Assert.Equal("project.v0", Text(service, "type"));
            var project = Path.GetFileName(Text(service, "path"));
            Assert.Equal(name, Path.GetFileNameWithoutExtension(project), StringComparer.OrdinalIgnoreCase);
            var environment = service.GetProperty("env");
            Assert.Equal("{postgres.connectionString}", Text(environment, "ConnectionStrings__postgres"));
            Assert.Equal("{rabbitmq.connectionString}", Text(environment, "ConnectionStrings__rabbitmq"));
            Assert.Equal("{bootstrap-admin-key.value}", Text(environment, "Access__BootstrapAdminKey"));
            Assert.Equal("false", Text(environment, "MASSTRANSIT_USAGE_TELEMETRY"));
            Assert.Equal("http", Text(service.GetProperty("bindings").GetProperty("http"), "scheme"));
        }

        // Aggregation's Orleans silo: one cluster for every replica, a silo and a gateway port of each replica's own, neither public
        var aggregation = resources.GetProperty("aggregation");
        Assert.Equal(("tokenoptimizer", "tokenoptimizer-aggregation"), (Text(aggregation.GetProperty("env"), "Orleans__ClusterId"), Text(aggregation.GetProperty("env"), "Orleans__ServiceId")));
        foreach (var (endpoint, variable) in ((string, string)[])[("orleans-silo", "Orleans__Endpoints__SiloPort"), ("orleans-gateway", "Orleans__Endpoints__GatewayPort")])
        {
            Assert.Equal($"{{aggregation.bindings.{endpoint}.targetPort}}", Text(aggregation.GetProperty("env"), variable));
            Assert.Equal("tcp", Text(aggregation.GetProperty("bindings").GetProperty(endpoint), "scheme"));
            Assert.False(aggregation.GetProperty("bindings").GetProperty(endpoint).TryGetProperty("external", out _), $"{endpoint} is reached by the other replicas only");
        }

        // Service discovery: who finds whom, by name
        var query = resources.GetProperty("query");
        foreach (var upstream in (string[])["ingestion", "aggregation", "recommendations"])
        {
            Assert.Equal($"{{{upstream}.bindings.http.url}}", Text(query.GetProperty("env"), $"services__{upstream}__http__0"));
        }

        Assert.True(query.GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean(), "Query (the dashboard and the API) is the one public endpoint");
        Assert.All(Services.Where(s => s != "query"), s => Assert.False(resources.GetProperty(s).GetProperty("bindings").GetProperty("http").TryGetProperty("external", out _)));
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() ?? "" : throw new Xunit.Sdk.XunitException($"no {property} in {element}");

    private static async Task<JsonElement> PublishAsync()
    {
        var folder = Directory.CreateTempSubdirectory("tokenoptimizer-manifest-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Repository.BuiltAssembly("AppHost", "TokenOptimizer.AppHost"), "--publisher", "manifest", "--output-path", Path.Combine(folder, "aspire-manifest.json")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"the app host exited with {process.ExitCode}:\n{await output}\n{await errors}");
            using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "aspire-manifest.json")));
            return manifest.RootElement.GetProperty("resources").Clone();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
