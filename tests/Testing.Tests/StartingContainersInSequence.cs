namespace TokenOptimizer.Testing.Tests;

/// <summary>
/// The classes that start containers of their own, or count this process's containers, run one after the other:
/// a count must not see another class's container come or go.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StartingContainersInSequence
{
    public const string Name = "starting containers in sequence";
}
