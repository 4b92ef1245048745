"""TokenOptimizer's Python SDK: report each LLM call's usage, latency and outcome, in the background.

    tracker = Tracker("http://127.0.0.1:5000", "tok_...", environment="production")
    reply = tracker.tracked_completion(lambda: client.chat.completions.create(...), feature="support-chat")
"""

import logging

from .call_record import CallLabels
from .failures import Failure, classify
from .sender import SenderOptions, SenderStats
from .tracker import Tracker
from .usage import Usage, read_usage

__all__ = ["CallLabels", "Failure", "SenderOptions", "SenderStats", "Tracker", "Usage", "classify", "read_usage"]

# A library leaves output to the application: warnings show only where it configures logging.
logging.getLogger("tokenoptimizer").addHandler(logging.NullHandler())
