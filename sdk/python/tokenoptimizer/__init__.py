"""TokenOptimizer's Python SDK: report each LLM call's usage, latency and outcome, in the background.

    tracker = Tracker("http://127.0.0.1:5000", "tok_...", environment="production")
    reply = tracker.tracked_completion(client.chat.completions.create, model="gpt-4o", messages=messages, feature="support-chat")

or, with TOKENOPTIMIZER_URL and TOKENOPTIMIZER_INGEST_KEY set, the module-level ``tracked_completion``, ``track``
and ``track_event``.
"""

import logging

from .call_record import CallLabels
from .module_level import configure, default_tracker, track, track_event, tracked_completion, tracked_completion_async
from .failures import Failure, classify
from .providers import PROVIDER_HOSTS
from .sender import SenderOptions, SenderStats
from .tracker import Tracker
from .usage import Usage, read_usage

__all__ = [
    "PROVIDER_HOSTS", "CallLabels", "Failure", "SenderOptions", "SenderStats", "Tracker", "Usage", "classify", "configure",
    "default_tracker", "read_usage", "track", "track_event", "tracked_completion", "tracked_completion_async",
]

# A library leaves output to the application: warnings show only where it configures logging.
logging.getLogger("tokenoptimizer").addHandler(logging.NullHandler())
