using TokenOptimizer.Access;

namespace TokenOptimizer.AppHost;

/// <summary>
/// The resources the AppHost provisions, with their connection-string names (equal to the resource names),
/// filled in as each becomes ready.
/// </summary>
internal sealed class Resources
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Database = "tokenoptimizer";

    /// <summary>The login role the services use: it owns <see cref="Database"/> and is no superuser.</summary>
    public const string DatabaseOwner = "tokenoptimizer";

    public string PostgresConnectionString { get; set; } = "";

    public string RabbitMqConnectionString { get; set; } = "";

    /// <summary>
    /// The bootstrap admin key every service accepts: new at each start, handed to the services in their
    /// environment and shown on the console, never written to disk (the database keeps only hashes of the keys
    /// created with it).
    /// </summary>
    public string BootstrapAdminKey { get; } = ApiKeys.Generate();

    /// <summary>Each started service's URL by its name, in start order.</summary>
    public Dictionary<string, Uri> ServiceUrls { get; } = [];
}
