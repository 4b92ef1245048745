"""Wraps LLM calls: times them, reads their usage, and hands one record per call to the background sender."""

import atexit
import functools
import inspect
import logging
import os
import time
from dataclasses import replace
from decimal import Decimal
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Tuple, TypeVar

from .call_record import ENDPOINT_NAME, LABEL_NAMES, UNKNOWN, CallLabels, CallRecord
from .failures import Failure, classify
from .providers import PROVIDER_HOSTS
from .request import RequestFacts, client_of, facts_of_call, facts_of_failure, with_stream_usage
from .sender import BatchSender, SenderOptions, SenderStats
from .streams import StreamReading, TrackedAsyncStream, TrackedStream, is_stream
from .usage import Usage, read_usage

T = TypeVar("T")

# track() without a response is the decorator form.
_DECORATE = object()

log = logging.getLogger("tokenoptimizer")


class Tracker:
    """Records every wrapped call to TokenOptimizer without slowing it down or ever failing it.

    ``ingestion_url`` and ``ingest_key`` default to the TOKENOPTIMIZER_URL and TOKENOPTIMIZER_INGEST_KEY
    environment variables. Labels given here apply to every call; a call's own labels win. ``provider_hosts`` adds
    hosts to (or overrides) the table that names the provider of a client's base URL (providers.PROVIDER_HOSTS).
    """

    def __init__(
        self,
        ingestion_url: Optional[str] = None,
        ingest_key: Optional[str] = None,
        *,
        options: Optional[SenderOptions] = None,
        exit_timeout: float = 5.0,
        provider_hosts: Optional[Mapping[str, str]] = None,
        **labels: Any,
    ) -> None:
        url = ingestion_url or os.environ.get("TOKENOPTIMIZER_URL")
        key = ingest_key or os.environ.get("TOKENOPTIMIZER_INGEST_KEY")
        if not url:
            raise ValueError("TokenOptimizer needs the Ingestion service's URL: pass ingestion_url or set TOKENOPTIMIZER_URL.")
        if not key:
            raise ValueError("TokenOptimizer needs an ingest key: pass ingest_key or set TOKENOPTIMIZER_INGEST_KEY.")
        labels = _canonical(labels)
        self._default_labels = CallLabels(**labels)  # a misspelt label fails here, at start-up
        self._defaults = {name: value for name, value in labels.items() if value is not None}
        self._provider_hosts = {**PROVIDER_HOSTS, **(provider_hosts or {})}
        self._sender = BatchSender(url, key, options)
        # Records still buffered when the program ends are sent, for up to exit_timeout seconds.
        self._exit_timeout = exit_timeout
        atexit.register(self._close_at_exit)

    def tracked_completion(self, call: Callable[..., T], **arguments: Any) -> T:
        """Runs the call, records it, and returns its response unchanged (or re-raises its exception). A stream is
        returned as a stream of the same events, recorded when it ends.

        ``call`` is either a function of no arguments, the keyword arguments being labels
        (``tracked_completion(lambda: client.chat.completions.create(...), feature="chat")``), or a provider SDK's create
        method, the keyword arguments being its request plus labels
        (``tracked_completion(client.chat.completions.create, model="gpt-4o", messages=messages, feature="chat")``):
        then the provider comes from the client's base URL and the model from the request even when the call fails,
        and a streamed chat asks for its usage.
        """
        call_now, call_labels = self._prepare(call, arguments)
        occurred_at, started = time.time(), time.perf_counter()
        try:
            response = call_now()
        except Exception as error:
            self._record_failure(error, occurred_at, started, call_labels)
            raise
        return self._recorded(response, occurred_at, started, call_labels)

    async def tracked_completion_async(self, call: Callable[..., Awaitable[T]], **arguments: Any) -> T:
        """The same for an async client: ``await tracker.tracked_completion_async(client.chat.completions.create, model=..., ...)``."""
        call_now, call_labels = self._prepare(call, arguments)
        occurred_at, started = time.time(), time.perf_counter()
        try:
            response = await call_now()
        except Exception as error:
            self._record_failure(error, occurred_at, started, call_labels)
            raise
        return self._recorded(response, occurred_at, started, call_labels)

    def track(self, response: Any = _DECORATE, /, *, latency_ms: Optional[float] = None, **labels: Any) -> Any:
        """``tracker.track(response, **labels)`` records a response you already have (with the ``latency_ms`` you measured)
        and returns it (a stream: wrapped, recorded when it ends). ``@tracker.track(**labels)`` decorates a function (or
        coroutine function) returning the response, like ``tracked_completion``."""
        if response is not _DECORATE:
            call_labels = self._labels(labels)
            occurred_at, started = time.time(), time.perf_counter() - (latency_ms or 0.0) / 1000.0
            return self._recorded(response, occurred_at, started, call_labels)

        CallLabels(**_canonical(labels))  # a misspelt label fails where the decorator is applied, not on a call

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

    def track_event(
        self,
        model: str,
        tokens: int = 0,
        cost: Any = None,
        *,
        input_tokens: Optional[int] = None,
        output_tokens: Optional[int] = None,
        latency_ms: float = 0.0,
        **labels: Any,
    ) -> None:
        """Records a call made outside any wrapper: ``track_event("gpt-4", tokens=1500, cost=0.045)``.

        ``tokens`` counts as input unless you split it with ``input_tokens`` and ``output_tokens``. ``cost`` (a number,
        best a ``Decimal`` or a string) is sent as the cost you report, beside the one TokenOptimizer computes.
        """
        try:
            call_labels = self._labels(dict(labels, model=model))
            if input_tokens is None and output_tokens is None:
                input_tokens = tokens
            usage = Usage(provider=call_labels.provider or UNKNOWN, model=None,
                          input_tokens=max(int(input_tokens or 0), 0), output_tokens=max(int(output_tokens or 0), 0))
            self._sender.add(CallRecord(call_labels, usage, time.time(), max(float(latency_ms), 0.0), None,
                                        reported_cost_usd=_amount(cost)))
        except Exception:  # a manual record must not fail the caller either
            log.warning("TokenOptimizer could not record an event", exc_info=True)

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

    def _prepare(self, call: Callable[..., Any], arguments: Dict[str, Any]) -> Tuple[Callable[[], Any], CallLabels]:
        """The call to make and its labels: the arguments are all labels, unless ``call`` is a provider's create method."""
        client = client_of(call)
        if client is None:
            return call, self._labels(arguments)
        labels = {name: value for name, value in arguments.items() if name in LABEL_NAMES or name == ENDPOINT_NAME}
        # model is both: the provider needs it, and it is the model asked for.
        request = {name: value for name, value in arguments.items() if name not in labels or name == "model"}
        facts = facts_of_call(client, request, self._provider_hosts)
        request = with_stream_usage(call, request)
        return (lambda: call(**request)), self._labels(labels, facts)

    def _labels(self, overrides: Dict[str, Any], facts: RequestFacts = RequestFacts()) -> CallLabels:
        # Runs on the caller's path before its call, so it must not raise: an unknown label is left out and logged.
        if not overrides and facts == RequestFacts():
            return self._default_labels
        merged = dict(self._defaults)
        merged.update((name, value) for name, value in (("provider", facts.provider), ("model", facts.model)) if value is not None)
        merged.update((name, value) for name, value in _canonical(overrides).items() if value is not None)
        unknown = merged.keys() - LABEL_NAMES
        if unknown:
            log.warning("TokenOptimizer ignored unknown labels %s; known: %s", sorted(unknown), sorted(LABEL_NAMES))
            merged = {name: value for name, value in merged.items() if name in LABEL_NAMES}
        return CallLabels(**merged)

    def _recorded(self, response: Any, occurred_at: float, started: float, labels: CallLabels) -> Any:
        """The response to hand back: itself, recorded now, or a stream of its events, recorded when it ends."""
        try:
            if is_stream(response):
                def on_end(reading: StreamReading, ended_at: float, failure: Optional[Failure]) -> None:
                    self._record_stream(reading, ended_at, failure, occurred_at, started, labels)

                return TrackedAsyncStream(response, on_end) if hasattr(response, "__anext__") else TrackedStream(response, on_end)
        except Exception:
            log.warning("TokenOptimizer could not track a stream", exc_info=True)
            return response
        self._record_success(response, occurred_at, started, labels)
        return response

    def _record_success(self, response: Any, occurred_at: float, started: float, labels: CallLabels) -> None:
        latency_ms = _elapsed_ms(started)
        try:
            usage = read_usage(response) or Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(CallRecord(labels, usage, occurred_at, latency_ms, None))
        except Exception:  # recording must never fail the caller's call
            log.warning("TokenOptimizer could not record a call", exc_info=True)

    def _record_stream(self, reading: StreamReading, ended_at: float, failure: Optional[Failure], occurred_at: float,
                       started: float, labels: CallLabels) -> None:
        try:
            # The call lasts until its last event arrived, not until the caller finished reading it.
            last = reading.last_event_at if reading.last_event_at is not None and failure is None else ended_at
            first_token_ms = (reading.first_token_at - started) * 1000.0 if reading.first_token_at is not None else None
            usage = reading.usage() or Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(CallRecord(labels, usage, occurred_at, (last - started) * 1000.0, failure,
                                        streaming=True, time_to_first_token_ms=first_token_ms))
        except Exception:
            log.warning("TokenOptimizer could not record a streamed call", exc_info=True)

    def _record_failure(self, error: BaseException, occurred_at: float, started: float, labels: CallLabels) -> None:
        latency_ms = _elapsed_ms(started)
        try:
            # The request the exception carries names the provider and model the labels may not.
            facts = facts_of_failure(error, self._provider_hosts)
            labels = replace(labels, provider=labels.provider or facts.provider, model=labels.model or facts.model)
            usage = Usage(provider=labels.provider or UNKNOWN, model=None)
            self._sender.add(CallRecord(labels, usage, occurred_at, latency_ms, classify(error)))
        except Exception:
            log.warning("TokenOptimizer could not record a failed call", exc_info=True)


def _canonical(labels: Dict[str, Any]) -> Dict[str, Any]:
    """The labels under their own names: the seeds' endpoint_name is the feature."""
    if ENDPOINT_NAME not in labels:
        return labels
    canonical = dict(labels)
    endpoint = canonical.pop(ENDPOINT_NAME)
    canonical.setdefault("feature", endpoint)
    return canonical


def _amount(cost: Any) -> Optional[Decimal]:
    """A reported cost as an exact decimal; a float is taken by its shortest text (0.045, not 0.04499999…)."""
    if cost is None:
        return None
    if isinstance(cost, bool) or not isinstance(cost, (Decimal, int, float, str)):
        raise TypeError("cost must be a number")
    amount = Decimal(repr(cost)) if isinstance(cost, float) else Decimal(cost)
    if not amount.is_finite() or amount < 0:
        raise ValueError("cost must be a finite amount of at least 0")
    return amount


def _elapsed_ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0
