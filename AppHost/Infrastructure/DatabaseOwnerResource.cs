namespace TokenOptimizer.AppHost.Infrastructure;

/// <summary>
/// The database the services use, reached as the login role that owns it and is no superuser: a flaw in a service reaches
/// that database only, never the server, its files or its other databases. Its connection string is the services'
/// <c>ConnectionStrings:postgres</c>; the role and database are made (or handed over) once the server is ready.
/// </summary>
internal sealed class DatabaseOwnerResource(string name, string databaseName, IResourceWithConnectionString server, EndpointReference endpoint, ParameterResource password)
    : Resource(name), IResourceWithParent<IResourceWithConnectionString>, IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    /// <summary>The owning role has the database's name.</summary>
    public string RoleName => DatabaseName;

    public IResourceWithConnectionString Parent { get; } = server;

    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={RoleName};Password={Password};Database={DatabaseName}");
}
