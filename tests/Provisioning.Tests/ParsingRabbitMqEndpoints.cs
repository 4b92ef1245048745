namespace TokenOptimizer.Provisioning.Tests;

public sealed class ParsingRabbitMqEndpoints
{
    [Fact]
    public void DefaultVirtualHost_IsAnEmptyPath()
    {
        var endpoint = new RabbitMqEndpoint("127.0.0.1", 41234, "user", "secret");

        Assert.Equal("amqp://user:secret@127.0.0.1:41234/", endpoint.ConnectionString);
        Assert.Equal(endpoint, RabbitMqEndpoint.Parse(endpoint.ConnectionString));
    }

    [Fact]
    public void VirtualHostWithASlash_SurvivesTheRoundTrip()
    {
        var endpoint = new RabbitMqEndpoint("localhost", 5672, "us@er", "p:ss/word", "tenant/a");

        Assert.Equal("amqp://us%40er:p%3Ass%2Fword@localhost:5672/tenant%2Fa", endpoint.ConnectionString);
        Assert.Equal(endpoint, RabbitMqEndpoint.Parse(endpoint.ConnectionString));
    }

    [Fact]
    public void MissingPartsOfAUri_TakeRabbitMqDefaults()
    {
        Assert.Equal(new RabbitMqEndpoint("broker", 5672, "guest", "guest"), RabbitMqEndpoint.Parse("amqp://broker"));
    }

    [Fact]
    public void ToString_HidesThePassword()
    {
        var text = new RabbitMqEndpoint("127.0.0.1", 5672, "user", "secret", "v").ToString();

        Assert.Equal("amqp://user:***@127.0.0.1:5672/v", text);
    }

    [Fact]
    public void NotAnAmqpUri_IsRefused()
    {
        Assert.Throws<FormatException>(() => RabbitMqEndpoint.Parse("Host=localhost;Port=5432"));
    }
}
