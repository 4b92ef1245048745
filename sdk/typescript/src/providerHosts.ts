/**
 * Which provider a client's base URL belongs to. OpenAI-compatible hosts answer in OpenAI's shape, so the response alone
 * would book their calls to OpenAI; the host says who really served them. Names are the catalog's provider ids.
 */

/** A host (exact, or a parent domain of the client's host) and the provider its calls are booked to. */
export type ProviderHosts = Readonly<Record<string, string>>;

export const defaultProviderHosts: ProviderHosts = {
  "api.openai.com": "openai",
  "api.anthropic.com": "anthropic",
  "api.mistral.ai": "mistral",
  "api.groq.com": "groq",
  "api.deepseek.com": "deepseek",
  "api.together.xyz": "together_ai",
  "api.together.ai": "together_ai",
  "openrouter.ai": "openrouter",
  "openai.azure.com": "azure",
  "cognitiveservices.azure.com": "azure",
  "services.ai.azure.com": "azure",
};

/** The provider of `baseUrl`'s host (or of its nearest listed parent domain), or undefined when the table has none. */
export function providerOfBaseUrl(baseUrl: unknown, hosts: ProviderHosts): string | undefined {
  if (typeof baseUrl !== "string") return undefined;
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  for (let candidate = host; candidate !== ""; candidate = candidate.slice(candidate.indexOf(".") + 1 || candidate.length)) {
    const provider = hosts[candidate];
    if (provider !== undefined) return provider;
  }
  return undefined;
}
