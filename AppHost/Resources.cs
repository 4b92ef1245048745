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

    public string PostgresConnectionString { get; set; } = "";

    public string RabbitMqConnectionString { get; set; } = "";
}
