"""Wraps LLM calls: times them, reads their usage, and hands one record per call to the background sender."""

import atexit
import functools
import inspect
import logging
import os
import time
import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Dict, Optional, TypeVar

from .failures import Failure, classify
from .sender import BatchSender, SenderOptions, SenderStats
from .usage import Usage, read_usage

T = TypeVar("T")
UNKNOWN = "unknown"

log = logging.getLogger("tokenoptimizer")


@dataclass(frozen=True)
class CallLabels:
    """Who and what a call was for. provider and model only fill in what the response does not say."""

    feature: Optional[str] = None
    team: Optional[str] = None
    environment: Optional[str] = None
    user_id: Optional[str] = None
    provider: Optional[str] = None
    model: Optional[str] = None
    request_id: Optional[str] = None
    tags: Optional[Dict[str, str]] = None


class Tracker:
    """Records every wrapped call to TokenOptimizer without slowing it down or ever failing it.

    ``ingestion_url`` and ``ingest_key`` default to the TOKENOPTIMIZER_URL and TOKENOPTIMIZER_INGEST_KEY
    environment variables. Labels given here apply to every call; a call's own labels win.
    """

    def __init__(
        self,
        ingestion_url: Optional[str] = None,
        ingest_key: Optional[str] = None,
        *,
        options: Optional[SenderOptions] = None,
        exit_timeout: float = 5.0,
        **labels: Any,
    ) -> None:
        url = ingestion_url or os.environ.get("TOKENOPTIMIZER_URL")
        key = ingest_key or os.environ.get("TOKENOPTIMIZER_INGEST_KEY")
        if not url:
            raise ValueError("TokenOptimizer needs the Ingestion service's URL: pass ingestion_url or set TOKENOPTIMIZER_URL.")
        if not key:
            raise ValueError("TokenOptimizer needs an ingest key: pass ingest_key or set TOKENOPTIMIZER_INGEST_KEY.")
        self._defaults = CallLabels(**labels)
        self._sender = BatchSender(url, key, options)
        # Records still buffered when the program ends are sent, for up to exit_timeout seconds.
        self._exit_timeout = exit_timeout
        atexit.register(self._close_at_exit)

    def tracked_completion(self, call: Callable[[], T], **labels: Any) -> T:
        """Runs ``call()``, records it, and returns its response unchanged (or re-raises its exception)."""
        call_labels = self._labels(labels)
        occurred_at, started = _now(), time.perf_counter()
        try:
            response = call()
        except Exception as error:
            self._record_failure(error, occurred_at, started, call_labels)
            raise
        self._record_success(response, occurred_at, started, call_labels)
        return response

    async def tracked_completion_async(self, call: Callable[[], Awaitable[T]], **labels: Any) -> T:
        """The same for an async client: ``await tracker.tracked_completion_async(lambda: client.chat.completions.create(...))``."""
        call_labels = self._labels(labels)
        occurred_at, started = _now(), time.perf_counter()
        try:
            response = await call()
        except Exception as error:
            self._record_failure(error, occurred_at, started, call_labels)
            raise
        self._record_success(response, occurred_at, started, call_labels)
        return response

    def track(self, **labels: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator form: ``@tracker.track(feature="support-chat")`` on a function (or coroutine function) returning the response."""

        def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
            if inspect.iscoroutinefunction(function):

                @functools.wraps(function)
                async def tracked_async(*args: Any, **kwargs: Any) -> Any:
                    return await self.tracked_completion_async(lambda: function(*args, **kwargs), **labels)

                return tracked_async

            @functools.wraps(function)
            def tracked(*args: Any, **kwargs: Any) -> Any:
                return self.tracked_completion(lambda: function(*args, **kwargs), **labels)

            return tracked

        return decorate

    def stats(self) -> SenderStats:
        """How many records were delivered, rejected, dropped, and are still pending."""
        return self._sender.stats()

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends what is buffered and waits until it is settled; False if ``timeout`` seconds passed first."""
        return self._sender.flush(timeout)

    def close(self, timeout: Optional[float] = None) -> bool:
        """Delivers what is buffered (up to ``timeout`` seconds) and stops; later records are dropped."""
        atexit.unregister(self._close_at_exit)
        return self._sender.close(timeout)

    def __enter__(self) -> "Tracker":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close(self._exit_timeout)

    def _close_at_exit(self) -> None:
        self._sender.close(self._exit_timeout)

    def _labels(self, overrides: Dict[str, Any]) -> CallLabels:
        given = {name: value for name, value in overrides.items() if value is not None}
        return replace(self._defaults, **given)

    def _record_success(self, response: Any, occurred_at: datetime, started: float, labels: CallLabels) -> None:
        latency_ms = _elapsed_ms(started)
        try:
            usage = read_usage(response) or Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(_record(labels, usage, occurred_at, latency_ms, None))
        except Exception:  # recording must never fail the caller's call
            log.warning("TokenOptimizer could not record a call", exc_info=True)

    def _record_failure(self, error: BaseException, occurred_at: datetime, started: float, labels: CallLabels) -> None:
        latency_ms = _elapsed_ms(started)
        try:
            usage = Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(_record(labels, usage, occurred_at, latency_ms, classify(error)))
        except Exception:
            log.warning("TokenOptimizer could not record a failed call", exc_info=True)


def _record(labels: CallLabels, usage: Usage, occurred_at: datetime, latency_ms: float, failure: Optional[Failure]) -> Dict[str, Any]:
    """The record under Ingestion's wire names (libs/Contracts/UsageRecorded.cs, camelCase); absent fields are left out."""
    record: Dict[str, Any] = {
        "requestId": labels.request_id or str(uuid.uuid4()),
        "occurredAt": occurred_at.isoformat(timespec="microseconds").replace("+00:00", "Z"),
        # A named provider wins: an OpenAI-shaped answer may come from Azure or another compatible host.
        "provider": labels.provider or usage.provider,
        "model": usage.model or labels.model or UNKNOWN,
        "feature": labels.feature,
        "team": labels.team,
        "environment": labels.environment,
        "userId": labels.user_id,
        "inputTokens": usage.input_tokens,
        "outputTokens": usage.output_tokens,
        "cachedInputTokens": usage.cached_input_tokens,
        "cacheWriteTokens": usage.cache_write_tokens,
        "reasoningTokens": usage.reasoning_tokens,
        "latencyMs": latency_ms,
        "outcome": "failed" if failure else "succeeded",
        "errorType": failure.error_type if failure else None,
        "errorCode": failure.error_code if failure else None,
        "tags": dict(labels.tags) if labels.tags else None,
    }
    return {name: value for name, value in record.items() if value is not None}


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000.0, 3)
