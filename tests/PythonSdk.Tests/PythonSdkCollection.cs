using Xunit;

namespace TokenOptimizer.PythonSdk.Tests;

/// <summary>The test classes that read one shared <see cref="PythonSdkRun"/>: the suite runs once.</summary>
[CollectionDefinition(Name)]
public sealed class PythonSdkCollection : ICollectionFixture<PythonSdkRun>
{
    public const string Name = "python sdk run";
}
