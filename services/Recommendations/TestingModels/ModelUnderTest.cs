namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>A model at a provider, as the usage names them (e.g. <c>openai</c>, <c>gpt-4o</c>).</summary>
public sealed record ModelUnderTest(string Provider, string Model);
