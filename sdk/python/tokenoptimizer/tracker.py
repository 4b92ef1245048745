"""Wraps LLM calls: times them, reads their usage, and hands one record per call to the background sender."""

import atexit
import functools
import inspect
import logging
import os
import time
from typing import Any, Awaitable, Callable, Dict, Optional, TypeVar

from .call_record import LABEL_NAMES, UNKNOWN, CallLabels, CallRecord
from .failures import classify
from .sender import BatchSender, SenderOptions, SenderStats
from .usage import Usage, read_usage

T = TypeVar("T")

log = logging.getLogger("tokenoptimizer")


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
        self._default_labels = CallLabels(**labels)  # a misspelt label fails here, at start-up
        self._defaults = {name: value for name, value in labels.items() if value is not None}
        self._sender = BatchSender(url, key, options)
        # Records still buffered when the program ends are sent, for up to exit_timeout seconds.
        self._exit_timeout = exit_timeout
        atexit.register(self._close_at_exit)

    def tracked_completion(self, call: Callable[[], T], **labels: Any) -> T:
        """Runs ``call()``, records it, and returns its response unchanged (or re-raises its exception)."""
        call_labels = self._labels(labels)
        occurred_at, started = time.time(), time.perf_counter()
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
        occurred_at, started = time.time(), time.perf_counter()
        try:
            response = await call()
        except Exception as error:
            self._record_failure(error, occurred_at, started, call_labels)
            raise
        self._record_success(response, occurred_at, started, call_labels)
        return response

    def track(self, **labels: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Decorator form: ``@tracker.track(feature="support-chat")`` on a function (or coroutine function) returning the response."""

        CallLabels(**labels)  # a misspelt label fails where the decorator is applied, not on a call

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
        # Runs on the caller's path before its call, so it must not raise: an unknown label is left out and logged.
        if not overrides:
            return self._default_labels
        merged = dict(self._defaults)
        merged.update((name, value) for name, value in overrides.items() if value is not None)
        unknown = merged.keys() - LABEL_NAMES
        if unknown:
            log.warning("TokenOptimizer ignored unknown labels %s; known: %s", sorted(unknown), sorted(LABEL_NAMES))
            merged = {name: value for name, value in merged.items() if name in LABEL_NAMES}
        return CallLabels(**merged)

    def _record_success(self, response: Any, occurred_at: float, started: float, labels: CallLabels) -> None:
        latency_ms = _elapsed_ms(started)
        try:
            usage = read_usage(response) or Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(CallRecord(labels, usage, occurred_at, latency_ms, None))
        except Exception:  # recording must never fail the caller's call
            log.warning("TokenOptimizer could not record a call", exc_info=True)

    def _record_failure(self, error: BaseException, occurred_at: float, started: float, labels: CallLabels) -> None:
        latency_ms = _elapsed_ms(started)
        try:
            usage = Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(CallRecord(labels, usage, occurred_at, latency_ms, classify(error)))
        except Exception:
            log.warning("TokenOptimizer could not record a failed call", exc_info=True)


def _elapsed_ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
