namespace TokenOptimizer.AppHost.LocalProcesses;

/// <summary>RabbitMQ from Debian's package, run by <c>rabbitmq.sh</c> with its node in the app host's data folder.</summary>
internal sealed class LocalRabbitMqResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string UserName = "tokenoptimizer";

    public ParameterResource Password { get; } = password;

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{Password}@{Endpoint.Property(EndpointProperty.Host)}:{Endpoint.Property(EndpointProperty.Port)}/");
}
