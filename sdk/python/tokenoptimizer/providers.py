"""Which provider serves a client, from the host of its base URL: OpenAI-compatible hosts are not OpenAI.

The names are the catalog's provider names, so the calls are priced at that provider's prices.
"""

from typing import Mapping, Optional
from urllib.parse import urlsplit

# Host (or, with a leading dot, every host under a domain) -> provider. Extend or override it per tracker with
# Tracker(provider_hosts={"llm.internal.example": "openai"}).
PROVIDER_HOSTS: Mapping[str, str] = {
    "api.openai.com": "openai",
    "api.anthropic.com": "anthropic",
    "api.mistral.ai": "mistral",
    "api.groq.com": "groq",
    "api.deepseek.com": "deepseek",
    "api.together.xyz": "together_ai",
    "api.together.ai": "together_ai",
    "openrouter.ai": "openrouter",
    ".openai.azure.com": "azure",
    ".cognitiveservices.azure.com": "azure",  # Azure OpenAI resources made in AI Foundry
}


def provider_of_url(url: object, hosts: Mapping[str, str]) -> Optional[str]:
    """The provider whose host serves ``url`` (a str or an httpx.URL), or None for a host the table does not know."""
    try:
        host = (urlsplit(str(url)).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    exact = hosts.get(host)
    if exact is not None:
        return exact
    for pattern, provider in hosts.items():
        if pattern.startswith(".") and host.endswith(pattern):
            return provider
    return None
