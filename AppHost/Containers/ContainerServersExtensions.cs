namespace TokenOptimizer.AppHost.Containers;

/// <summary>
/// The containers mode: Aspire's PostgreSQL and RabbitMQ resources on the images <c>tools/docker/ensure-docker.sh</c>
/// builds from Debian's packages (no image registry is reachable from our machines, so nothing is ever pulled). They
/// are thrown away when the app host stops. The manifest describes these resources too: a platform team maps them to
/// its own servers or to these images.
/// </summary>
internal static class ContainerServersExtensions
{
    public const string PostgresImage = "tokenoptimizer/postgres";
    public const string RabbitMqImage = "tokenoptimizer/rabbitmq";

    public static (IResourceBuilder<PostgresServerResource> Postgres, IResourceBuilder<RabbitMQServerResource> RabbitMq) AddContainerServers(this IDistributedApplicationBuilder builder) =>
    (
        builder.AddPostgres("postgres-server").WithImage(PostgresImage, "15").WithImageRegistry(null).WithImagePullPolicy(ImagePullPolicy.Never)
            // Fsync is for data that must survive a power cut; this container's data is gone when it stops anyway.
            .WithArgs("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300"),
        builder.AddRabbitMQ("rabbitmq").WithImage(RabbitMqImage, "3").WithImageRegistry(null).WithImagePullPolicy(ImagePullPolicy.Never)
    );
}
