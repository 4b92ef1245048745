using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using TokenOptimizer.Testing;

namespace TokenOptimizer.SystemTests.UsingTheDotnetSdk;

/// <summary>The LLM the application under test calls: the official OpenAI client on the local stub.</summary>
internal static class StubChatClients
{
    /// <summary>The official OpenAI client, as an <see cref="IChatClient"/>, pointed at the stub.</summary>
    public static IChatClient ChatClient(this ChatCompletionsStub llm, string model) =>
        new OpenAIClient(new ApiKeyCredential("stub-key"), new OpenAIClientOptions { Endpoint = llm.BaseUrl }).GetChatClient(model).AsIChatClient();
}
