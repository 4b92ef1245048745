namespace TokenOptimizer.Provisioning;

/// <summary>
/// PostgreSQL or RabbitMQ could not be provided: a package is missing, a server did not start in time,
/// or an administrative command failed. The message says what to do or carries the end of the server's log.
/// </summary>
public sealed class ProvisioningException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public ProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message; prefer the other constructors.</summary>
    public ProvisioningException()
    {
    }
}
