namespace TokenOptimizer.Provisioning;

/// <summary>
/// The connection-string names the AppHost, the services and the test fixtures agree on. They are also
/// the AppHost's resource names: configuration key <c>ConnectionStrings:postgres</c>, environment
/// variable <c>ConnectionStrings__postgres</c>.
/// </summary>
public static class InfrastructureConnectionStrings
{
    /// <summary>Name of the PostgreSQL connection string (Npgsql form).</summary>
    public const string Postgres = "postgres";

    /// <summary>Name of the RabbitMQ connection string (<c>amqp://</c> URI).</summary>
    public const string RabbitMq = "rabbitmq";

    /// <summary>The environment variable carrying connection string <paramref name="name"/>: <c>ConnectionStrings__{name}</c>.</summary>
    public static string EnvironmentVariable(string name) => $"ConnectionStrings__{name}";

    /// <summary>
    /// The connection string from the environment, or null when unset or blank. Like .NET configuration,
    /// the variable's name is matched without regard to case.
    /// </summary>
    public static string? FromEnvironment(string name)
    {
        var wanted = EnvironmentVariable(name);
        var exact = Environment.GetEnvironmentVariable(wanted);
        if (exact is null)
        {
            foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                if (string.Equals((string)variable.Key, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    exact = (string?)variable.Value;
                    break;
                }
            }
        }

        return string.IsNullOrWhiteSpace(exact) ? null : exact;
    }
}
