namespace TokenOptimizer.EventStore;

/// <summary>Special values for the expected version of an append.</summary>
public static class ExpectedVersion
{
    /// <summary>The stream must not exist yet.</summary>
    public const int NoStream = 0;

    /// <summary>Append whatever the stream's version is.</summary>
    public const int Any = -1;
}
