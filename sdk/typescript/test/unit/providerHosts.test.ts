import { describe, expect, it } from "vitest";
import { defaultProviderHosts, providerOfBaseUrl } from "../../src/index.js";

describe("the provider of a client's base URL", () => {
  it.each([
    ["https://api.openai.com/v1", "openai"],
    ["https://api.anthropic.com", "anthropic"],
    ["https://api.mistral.ai/v1", "mistral"],
    ["https://api.groq.com/openai/v1", "groq"],
    ["https://api.deepseek.com", "deepseek"],
    ["https://api.together.xyz/v1", "together_ai"],
    ["https://openrouter.ai/api/v1", "openrouter"],
    ["https://my-resource.openai.azure.com/openai/deployments/prod-4o", "azure"],
  ])("a client for %s is booked to %s", (baseUrl, provider) => {
    expect(providerOfBaseUrl(baseUrl, defaultProviderHosts)).toBe(provider);
  });

  it("is unknown for a host the table does not list, or no URL at all", () => {
    expect(providerOfBaseUrl("http://127.0.0.1:8080/v1", defaultProviderHosts)).toBeUndefined();
    expect(providerOfBaseUrl("not a url", defaultProviderHosts)).toBeUndefined();
    expect(providerOfBaseUrl(undefined, defaultProviderHosts)).toBeUndefined();
  });

  it("takes hosts from the configured table, which may override the built-in one", () => {
    const hosts = { ...defaultProviderHosts, "llm.internal.example": "vllm", "api.groq.com": "groq-proxy" };

    expect(providerOfBaseUrl("https://eu.llm.internal.example/v1", hosts)).toBe("vllm");
    expect(providerOfBaseUrl("https://api.groq.com/openai/v1", hosts)).toBe("groq-proxy");
  });
});
