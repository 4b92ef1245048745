using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using OpenAI;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Client.Tests;

/// <summary>
/// The official OpenAI and Anthropic SDK clients pointed at the local stubs, without the SDKs' own retries: the tests
/// are about one attempt and its record, not the SDKs' backoff.
/// </summary>
internal static class StubSdkClients
{
    public static OpenAIClientOptions ClientOptions(this ChatCompletionsStub stub) =>
        new() { Endpoint = stub.BaseUrl, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };

    public static OpenAIClient OpenAIClient(this ChatCompletionsStub stub) => new(new ApiKeyCredential("stub-key"), stub.ClientOptions());

    public static AnthropicClient AnthropicClient(this AnthropicMessagesStub stub) =>
        new() { ApiKey = "stub-key", BaseUrl = stub.BaseUrl.ToString(), MaxRetries = 0 };
}
