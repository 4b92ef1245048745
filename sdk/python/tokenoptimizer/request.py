"""What a call's request said about itself: the provider (from its client's base URL) and the model asked for.

Read from a provider SDK's create method and its arguments when the call is handed over that way, and from a
failed call's exception (the openai and anthropic SDKs attach the HTTP request they sent). Only the URL and the
request's ``model`` are kept; nothing else of the request, and none of its text, goes anywhere.
"""

import json
from dataclasses import dataclass
from typing import Any, Dict, Mapping, Optional

from .failures import attribute
from .providers import provider_of_url

# The resources whose create(stream=True) sends usage only when asked (stream_options.include_usage): OpenAI's Chat
# Completions and legacy Completions. The Responses API and Anthropic always send it.
_ASK_FOR_STREAM_USAGE = frozenset({"Completions", "AsyncCompletions"})


@dataclass(frozen=True)
class RequestFacts:
    provider: Optional[str] = None
    model: Optional[str] = None


def client_of(call: Any) -> Optional[Any]:
    """The client behind a provider SDK's create method (``client.chat.completions.create``, ``client.responses.create``,
    ``client.messages.create``), else None: its resource keeps the client, and the client its ``base_url``."""
    client = attribute(attribute(call, "__self__"), "_client")
    return client if attribute(client, "base_url") is not None else None


def facts_of_call(client: Any, arguments: Mapping[str, Any], hosts: Mapping[str, str]) -> RequestFacts:
    model = arguments.get("model")
    return RequestFacts(provider_of_url(attribute(client, "base_url"), hosts), model if isinstance(model, str) and model else None)


def with_stream_usage(call: Any, arguments: Dict[str, Any]) -> Dict[str, Any]:
    """The arguments of a streamed Chat Completions request, asking for the usage chunk unless the caller said otherwise."""
    if arguments.get("stream") is not True or type(attribute(call, "__self__")).__name__ not in _ASK_FOR_STREAM_USAGE:
        return arguments
    options = arguments.get("stream_options")
    if isinstance(options, dict) and "include_usage" in options:
        return arguments
    return dict(arguments, stream_options=dict(options or {}, include_usage=True))


def facts_of_failure(error: BaseException, hosts: Mapping[str, str]) -> RequestFacts:
    """The URL and model of the request a provider SDK's exception carries (``error.request``, an httpx.Request)."""
    request = attribute(error, "request")
    if request is None:
        return RequestFacts()
    return RequestFacts(provider_of_url(attribute(request, "url"), hosts), _model_in_body(attribute(request, "content")))


def _model_in_body(content: Any) -> Optional[str]:
    if not isinstance(content, (bytes, bytearray, str)) or not content:
        return None
    try:
        body = json.loads(content)
    except ValueError:
        return None
    model = body.get("model") if isinstance(body, dict) else None
    return model if isinstance(model, str) and model else None
