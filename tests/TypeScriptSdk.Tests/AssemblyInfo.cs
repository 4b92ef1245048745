using Xunit;

// One run of the SDK's Vitest suite serves every test here; the classes share it through one collection.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
