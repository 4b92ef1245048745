"""Reads token counts from a provider's response and gives each count the contract's one meaning.

The contract (libs/Contracts/UsageRecorded.cs) nests the counts: ``inputTokens`` is the whole prompt,
cache reads and cache writes included; ``reasoningTokens`` is part of ``outputTokens``. OpenAI reports
its counts that way already; Anthropic reports the cached parts beside ``input_tokens``, so they are
added up here. Only counts and the model name are read: never any text of the response.
"""

from dataclasses import dataclass
from typing import Any, Optional

OPENAI = "openai"
ANTHROPIC = "anthropic"


@dataclass(frozen=True)
class Usage:
    """One call's token counts, in the contract's meaning, and what the response said about itself."""

    provider: str
    model: Optional[str]
    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    cache_write_tokens: int = 0
    reasoning_tokens: int = 0
    # The part of cache_write_tokens written with Anthropic's one-hour lifetime, billed above the five-minute ones.
    cache_write_one_hour_tokens: int = 0


def field(source: Any, name: str) -> Any:
    """A field of a dict or an attribute of an object (the provider SDKs' response models), else None."""
    if source is None:
        return None
    if isinstance(source, dict):
        return source.get(name)
    return getattr(source, name, None)


def read_usage(response: Any) -> Optional[Usage]:
    """The counts of an OpenAI (Chat Completions or Responses API) or Anthropic response; None without usage."""
    usage = field(response, "usage")
    if usage is None:
        return None
    model = _text(field(response, "model"))
    if field(usage, "prompt_tokens") is not None:
        return _openai(usage, model, _CHAT_COMPLETIONS)
    if field(usage, "input_tokens") is not None:
        if _is_openai_responses(response, usage):
            return _openai(usage, model, _RESPONSES_API)
        return _anthropic(usage, model)
    return None


@dataclass(frozen=True)
class _OpenAINames:
    input: str
    output: str
    input_details: str
    output_details: str


_CHAT_COMPLETIONS = _OpenAINames("prompt_tokens", "completion_tokens", "prompt_tokens_details", "completion_tokens_details")
_RESPONSES_API = _OpenAINames("input_tokens", "output_tokens", "input_tokens_details", "output_tokens_details")


def _openai(usage: Any, model: Optional[str], names: _OpenAINames) -> Usage:
    # Both OpenAI APIs nest the counts as the contract does: the input already includes its cached part,
    # the output its reasoning. They are taken as they are.
    return Usage(
        provider=OPENAI,
        model=model,
        input_tokens=_count(field(usage, names.input)),
        output_tokens=_count(field(usage, names.output)),
        cached_input_tokens=_count(field(field(usage, names.input_details), "cached_tokens")),
        reasoning_tokens=_count(field(field(usage, names.output_details), "reasoning_tokens")),
    )


def _anthropic(usage: Any, model: Optional[str]) -> Usage:
    # input_tokens counts only the prompt after the last cache breakpoint: the cache reads and writes
    # are reported apart and must be added to make the whole prompt.
    cache_read = _count(field(usage, "cache_read_input_tokens"))
    cache_write = _count(field(usage, "cache_creation_input_tokens"))
    return Usage(
        provider=ANTHROPIC,
        model=model,
        input_tokens=_count(field(usage, "input_tokens")) + cache_read + cache_write,
        output_tokens=_count(field(usage, "output_tokens")),
        cached_input_tokens=cache_read,
        cache_write_tokens=cache_write,
        cache_write_one_hour_tokens=min(_count(field(field(usage, "cache_creation"), "ephemeral_1h_input_tokens")), cache_write),
    )


def _is_openai_responses(response: Any, usage: Any) -> bool:
    # Both the Responses API and Anthropic name the prompt input_tokens; only OpenAI adds the details
    # objects and a total, and only its response object says "response".
    return (
        field(response, "object") == "response"
        or field(usage, "input_tokens_details") is not None
        or field(usage, "output_tokens_details") is not None
        or field(usage, "total_tokens") is not None
    )


def _count(value: Any) -> int:
    # A provider omits a count (or sends null) when it is zero; a bool is not a count.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return 0
    return max(int(value), 0)


def _text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value else None
