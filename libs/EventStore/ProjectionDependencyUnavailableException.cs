namespace TokenOptimizer.EventStore;

/// <summary>
/// Thrown by a projection when something it needs besides the database (a message broker, say) is
/// unavailable: the batch is rolled back and retried later, never skipped as a failing event.
/// </summary>
public sealed class ProjectionDependencyUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProjectionDependencyUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProjectionDependencyUnavailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ProjectionDependencyUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
