"""Sends usage records to Ingestion's ``POST /v1/usage`` from one background thread, in batches.

Guarantees: adding a record never blocks on the network and never raises; memory is bounded (a full
buffer drops the *new* record and counts it); a batch that fails on the network, with a 5xx, 408 or
429 is retried with exponential backoff and jitter until it is delivered or the sender is closed; a
batch the service refuses with another 4xx is not retried (it would be refused again) and is counted.
"""

import collections
import json
import logging
import os
import random
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Deque, List, Optional, Tuple

from .call_record import CallRecord
from .ingestion_client import IngestionClient

MAX_BATCH_SIZE = 1000  # Ingestion's limit per request (UsageLimits.MaxBatchSize)

log = logging.getLogger("tokenoptimizer")


@dataclass(frozen=True)
class SenderStats:
    """What became of the records so far.

    delivered: stored by Ingestion, or already stored (a duplicate request id).
    rejected: refused by Ingestion: an invalid record (kept in its quarantine), or a whole batch refused
        with a 4xx such as a wrong key.
    dropped: never sent: the buffer was full when the record was added, or the record was still unsent
        when close() ran out of time.
    pending: added and not yet settled (buffered or being sent).
    """

    delivered: int
    rejected: int
    dropped: int
    pending: int


@dataclass(frozen=True)
class SenderOptions:
    """Tuning; the defaults suit a production application."""

    max_buffered: int = 10_000
    batch_size: int = 500
    linger_seconds: float = 1.0
    request_timeout_seconds: float = 10.0
    initial_backoff_seconds: float = 0.5
    max_backoff_seconds: float = 30.0


class BatchSender:
    """Buffers records and delivers them in batches from a daemon thread started on the first record."""

    def __init__(self, ingestion_url: str, ingest_key: str, options: Optional[SenderOptions] = None) -> None:
        self._options = options or SenderOptions()
        self._batch_size = max(1, min(self._options.batch_size, MAX_BATCH_SIZE))
        self._client = IngestionClient(ingestion_url, ingest_key, self._options.request_timeout_seconds)
        self._changed = threading.Condition(threading.Lock())
        self._buffer: Deque[CallRecord] = collections.deque()
        self._in_flight = 0
        self._delivered = 0
        self._rejected = 0
        self._dropped = 0
        self._hurry = 0  # callers of flush() waiting: send what is buffered without lingering
        self._closing = False
        self._abandon = False  # close() ran out of time: stop retrying
        self._worker: Optional[threading.Thread] = None
        _forget_parent_state_after_fork(self)

    def add(self, record: CallRecord) -> None:
        """Buffers one record; when the buffer is full the record is dropped and counted instead."""
        with self._changed:
            if self._closing or len(self._buffer) >= self._options.max_buffered:
                self._dropped += 1
                return
            self._buffer.append(record)
            self._start_worker()
            if len(self._buffer) == 1 or len(self._buffer) >= self._batch_size:
                self._changed.notify_all()

    def stats(self) -> SenderStats:
        """A snapshot of the counters."""
        with self._changed:
            return SenderStats(self._delivered, self._rejected, self._dropped, len(self._buffer) + self._in_flight)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends what is buffered now and waits until it is settled; False if time ran out first."""
        with self._changed:
            self._hurry += 1
            self._changed.notify_all()
            try:
                return self._changed.wait_for(self._settled, timeout)
            finally:
                self._hurry -= 1

    def close(self, timeout: Optional[float] = None) -> bool:
        """Stops taking records, delivers the buffered ones for up to ``timeout`` seconds, then stops."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
            settled = self._changed.wait_for(self._settled, timeout)
            if not settled:
                # Counted here, not when the worker notices: the caller reads the stats right after. A request
                # already under way may still deliver its batch.
                self._abandon = True
                self._dropped += len(self._buffer) + self._in_flight
                self._buffer.clear()
                self._in_flight = 0
                self._changed.notify_all()
            return settled

    def _reset_in_forked_child(self) -> None:
        # The parent keeps sending what it had buffered; the child starts empty, with a lock no parent thread holds.
        self._changed = threading.Condition(threading.Lock())
        self._buffer.clear()
        self._in_flight = self._delivered = self._rejected = self._dropped = self._hurry = 0
        self._worker = None

    def _settled(self) -> bool:
        return not self._buffer and self._in_flight == 0

    def _start_worker(self) -> None:
        # Started lazily: a tracker that records nothing costs no thread, and a forked child (a pre-forking web
        # server's worker) gets its own.
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, name="tokenoptimizer-sender", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            try:
                self._deliver(batch)
            except Exception:  # a bug here must not end the thread and leave flush() waiting
                log.exception("TokenOptimizer could not send %d records", len(batch))
                self._settle(delivered=0, rejected=0, dropped=len(batch))
            finally:
                with self._changed:
                    self._in_flight = 0
                    self._changed.notify_all()

    def _next_batch(self) -> Optional[List[CallRecord]]:
        """The next batch to send, or None once closing with nothing left."""
        with self._changed:
            while True:
                self._changed.wait_for(lambda: self._buffer or self._closing)
                if not self._buffer:
                    return None
                # Linger briefly so records travel in batches rather than one request each.
                deadline = time.monotonic() + self._options.linger_seconds
                while len(self._buffer) < self._batch_size and not self._hurry and not self._closing:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._changed.wait(remaining)
                if self._buffer:  # close() may have given up on them meanwhile
                    batch = [self._buffer.popleft() for _ in range(min(len(self._buffer), self._batch_size))]
                    self._in_flight = len(batch)
                    return batch

    def _deliver(self, batch: List[CallRecord]) -> None:
        """Posts the batch until it is settled or close() gives up on it (and counts it dropped)."""
        body, count = self._encode(batch)
        if count == 0:
            return
        attempt = 0
        while True:
            answer = self._client.post(body, count)
            if answer.settled:
                self._settle(delivered=answer.delivered, rejected=answer.rejected)
                return
            delay = self._backoff(attempt, answer.retry_after)
            attempt += 1
            with self._changed:
                if self._changed.wait_for(lambda: self._abandon, delay):
                    return

    def _encode(self, batch: List[CallRecord]) -> Tuple[bytes, int]:
        """The batch as a JSON array, made once: every retry sends the same request ids, so a batch that did
        arrive is stored once. A record that cannot be encoded (a tag value that is not JSON) is dropped alone."""
        encoded = []
        for record in batch:
            try:
                encoded.append(json.dumps(record.wire(), separators=(",", ":")).encode("utf-8"))
            except Exception:
                log.warning("TokenOptimizer dropped a record it could not encode", exc_info=True)
                self._settle(delivered=0, rejected=0, dropped=1)
        return b"[" + b",".join(encoded) + b"]", len(encoded)

    def _settle(self, delivered: int, rejected: int, dropped: int = 0) -> None:
        with self._changed:
            if not self._abandon:  # else close() has already counted the batch as dropped
                self._delivered += delivered
                self._rejected += rejected
                self._dropped += dropped

    def _backoff(self, attempt: int, retry_after: float) -> float:
        ceiling = min(self._options.max_backoff_seconds, self._options.initial_backoff_seconds * (2 ** min(attempt, 30)))
        # Jitter: producers that lost the service together do not come back in lockstep.
        return max(min(retry_after, self._options.max_backoff_seconds), random.uniform(ceiling / 2, ceiling))


def _forget_parent_state_after_fork(sender: BatchSender) -> None:
    if hasattr(os, "register_at_fork"):  # not on Windows
        reference = weakref.ref(sender)  # the registration must not keep a closed sender alive

        def reset() -> None:
            alive = reference()
            if alive is not None:
                alive._reset_in_forked_child()

        os.register_at_fork(after_in_child=reset)
