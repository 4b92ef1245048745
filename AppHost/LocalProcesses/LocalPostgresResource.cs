namespace TokenOptimizer.AppHost.LocalProcesses;

/// <summary>PostgreSQL from Debian's package, run by <c>postgres.sh</c> with its data in the app host's data folder.</summary>
internal sealed class LocalPostgresResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary>As the superuser, to the server (no database named): what the database's owner is made with.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");
}
