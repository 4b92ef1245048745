using OpenAI;

namespace TokenOptimizer.Client.OpenAI;

/// <summary>Who bills the calls of an OpenAI SDK client: the provider behind its endpoint, which need not be OpenAI.</summary>
public static class OpenAIProvider
{
    /// <summary>The name the OpenAI SDK's own calls are booked to.</summary>
    public const string OpenAI = "openai";

    /// <summary>
    /// The provider of the endpoint <paramref name="clientOptions"/> set, in <paramref name="endpoints"/> (by default
    /// <see cref="ProviderEndpoints.Default"/>): <c>groq</c> for <c>https://api.groq.com/openai/v1</c>; <c>openai</c>
    /// for no endpoint (the SDK's default) or a host not in the table.
    /// </summary>
    public static string Of(OpenAIClientOptions? clientOptions, ProviderEndpoints? endpoints = null) =>
        (endpoints ?? ProviderEndpoints.Default()).ProviderOf(clientOptions?.Endpoint) ?? OpenAI;
}
