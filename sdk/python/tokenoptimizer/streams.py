"""Streamed calls: the events pass through unchanged while their usage, the time to the first token and the time
to the last event are noted; the call is recorded once, when the stream ends, fails or is closed (a stream left early is recorded when it
is closed: ``with`` does that).

What each API sends (only counts, the model and event types are read, never text):
- OpenAI Chat Completions: chunks with ``choices[].delta``; the last chunk carries ``usage`` when the request asked
  for it (``stream_options={"include_usage": True}``, which the tracker adds when it makes the request).
- OpenAI Responses API: typed events, ``response.output_text.delta`` and the like, and a final
  ``response.completed`` (or ``.incomplete`` / ``.failed``) whose ``response`` has the usage.
- Anthropic Messages: ``message_start`` (the model and the input counts), ``content_block_delta`` and
  ``message_delta`` (the output count so far; newer versions repeat the input counts there).
"""

import time
from typing import Any, Callable, Dict, Optional

from .failures import Failure, classify
from .usage import Usage, field, read_usage

_FINAL_RESPONSES_EVENTS = frozenset({"response.completed", "response.incomplete", "response.failed"})
_ANTHROPIC_USAGE_FIELDS = ("input_tokens", "cache_read_input_tokens", "cache_creation_input_tokens", "cache_creation", "output_tokens")


def is_stream(response: Any) -> bool:
    """A provider SDK's Stream (or any iterator of events), sync or async; a response object is not one."""
    return hasattr(response, "__next__") or hasattr(response, "__anext__")


class StreamReading:
    """Notes, event by event, what the stream said about its usage and when its first token and last event came."""

    def __init__(self) -> None:
        self.first_token_at: Optional[float] = None
        self.last_event_at: Optional[float] = None
        self._usage: Optional[Usage] = None
        self._anthropic_model: Optional[str] = None
        self._anthropic_usage: Dict[str, Any] = {}

    def note(self, event: Any, now: float) -> None:
        self.last_event_at = now
        if self.first_token_at is None and _carries_output(event):
            self.first_token_at = now
        kind = field(event, "type")
        if kind in _FINAL_RESPONSES_EVENTS:
            self._usage = read_usage(field(event, "response")) or self._usage
        elif kind == "message_start":
            message = field(event, "message")
            self._anthropic_model = field(message, "model")
            self._merge_anthropic(field(message, "usage"))
        elif kind == "message_delta":
            self._merge_anthropic(field(event, "usage"))
        elif field(event, "usage") is not None:  # Chat Completions' usage chunk
            self._usage = read_usage(event) or self._usage

    def usage(self) -> Optional[Usage]:
        if self._anthropic_usage:
            return read_usage({"type": "message", "model": self._anthropic_model, "usage": self._anthropic_usage})
        return self._usage

    def _merge_anthropic(self, usage: Any) -> None:
        # message_delta's counts are cumulative: a later count replaces the earlier one.
        for name in _ANTHROPIC_USAGE_FIELDS:
            value = field(usage, name)
            if value is not None:
                self._anthropic_usage[name] = value


def _carries_output(event: Any) -> bool:
    kind = field(event, "type")
    if isinstance(kind, str):
        # Responses API: response.output_text.delta, response.function_call_arguments.delta, …; Anthropic: content_block_delta.
        return kind.endswith(".delta") or kind == "content_block_delta"
    choices = field(event, "choices")
    if not choices:
        return False
    delta = field(choices[0], "delta")
    return bool(field(delta, "content") or field(delta, "tool_calls") or field(delta, "refusal") or field(delta, "function_call"))


# Called once per stream with what was read, when it ended (perf_counter seconds) and, if it failed, how.
StreamEnd = Callable[[StreamReading, float, Optional[Failure]], None]


class _TrackedStreamBase:
    def __init__(self, stream: Any, on_end: StreamEnd) -> None:
        self._stream = stream
        self._on_end: Optional[StreamEnd] = on_end
        self._reading = StreamReading()

    def __getattr__(self, name: str) -> Any:
        # Everything else (response, …) is the provider's stream's own. Own fields not set yet are not looked up there.
        if name in ("_stream", "_on_end", "_reading"):
            raise AttributeError(name)
        return getattr(self._stream, name)

    def _noted(self, event: Any) -> Any:
        try:
            self._reading.note(event, time.perf_counter())
        except Exception:  # an event of an unexpected shape must not break the caller's stream
            pass
        return event

    def _end(self, failure: Optional[Failure] = None) -> None:
        on_end, self._on_end = self._on_end, None
        if on_end is not None:
            on_end(self._reading, time.perf_counter(), failure)

    def _failed(self, error: BaseException) -> None:
        self._end(classify(error))


class TrackedStream(_TrackedStreamBase):
    """A sync stream (``for event in stream``), recorded when it ends."""

    def __iter__(self) -> "TrackedStream":
        return self

    def __next__(self) -> Any:
        try:
            event = next(self._stream)
        except StopIteration:
            self._end()
            raise
        except Exception as error:
            self._failed(error)
            raise
        return self._noted(event)

    def close(self) -> None:
        try:
            closer = getattr(self._stream, "close", None)
            if closer is not None:
                closer()
        finally:
            self._end()

    def __enter__(self) -> "TrackedStream":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


class TrackedAsyncStream(_TrackedStreamBase):
    """An async stream (``async for event in stream``), recorded when it ends."""

    def __aiter__(self) -> "TrackedAsyncStream":
        return self

    async def __anext__(self) -> Any:
        try:
            event = await self._stream.__anext__()
        except StopAsyncIteration:
            self._end()
            raise
        except Exception as error:
            self._failed(error)
            raise
        return self._noted(event)

    async def close(self) -> None:
        try:
            closer = getattr(self._stream, "close", None)
            if closer is not None:
                closed = closer()
                if hasattr(closed, "__await__"):
                    await closed
        finally:
            self._end()

    async def __aenter__(self) -> "TrackedAsyncStream":
        return self

    async def __aexit__(self, *_: Any) -> None:
        await self.close()
