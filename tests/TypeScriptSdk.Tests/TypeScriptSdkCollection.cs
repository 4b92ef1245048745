using Xunit;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>The classes that read the one run of the SDK's suite.</summary>
[CollectionDefinition(Name)]
public sealed class TypeScriptSdkCollection : ICollectionFixture<TypeScriptSdkRun>
{
    public const string Name = "TypeScript SDK against Ingestion";
}
