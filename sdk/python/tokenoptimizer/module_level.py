"""The module-level interface of the seeds: ``tracked_completion``, ``track`` and ``track_event`` without a Tracker
of your own. They share one tracker per process, made on first use from TOKENOPTIMIZER_URL and
TOKENOPTIMIZER_INGEST_KEY, or by ``configure(...)`` at start-up.
"""

import threading
from typing import Any, Awaitable, Callable, Optional, TypeVar

from .tracker import _DECORATE, Tracker

T = TypeVar("T")

_lock = threading.Lock()
_tracker: Optional[Tracker] = None


def configure(ingestion_url: Optional[str] = None, ingest_key: Optional[str] = None, **settings: Any) -> Tracker:
    """Makes the tracker the module-level functions use, with Tracker's arguments; a previous one is closed first."""
    global _tracker
    with _lock:
        previous, _tracker = _tracker, Tracker(ingestion_url, ingest_key, **settings)
        configured = _tracker
    if previous is not None:
        previous.close(timeout=5)
    return configured


def default_tracker() -> Tracker:
    """The module-level tracker; made from the environment variables when configure() was not called."""
    global _tracker
    with _lock:
        if _tracker is None:
            _tracker = Tracker()
        return _tracker


def tracked_completion(call: Callable[..., T], **arguments: Any) -> T:
    """Tracker.tracked_completion on the module-level tracker."""
    return default_tracker().tracked_completion(call, **arguments)


def tracked_completion_async(call: Callable[..., Awaitable[T]], **arguments: Any) -> Awaitable[T]:
    """Tracker.tracked_completion_async on the module-level tracker."""
    return default_tracker().tracked_completion_async(call, **arguments)


def track(response: Any = _DECORATE, /, **arguments: Any) -> Any:
    """Tracker.track on the module-level tracker: ``track(response, feature=...)`` or ``@track(feature=...)``."""
    return default_tracker().track(response, **arguments)


def track_event(model: str, tokens: int = 0, cost: Any = None, **arguments: Any) -> None:
    """Tracker.track_event on the module-level tracker: ``track_event("gpt-4", tokens=1500, cost=0.045)``."""
    default_tracker().track_event(model, tokens, cost, **arguments)
