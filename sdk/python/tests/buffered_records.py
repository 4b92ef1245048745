"""What a tracker has buffered, in its wire form, for tests that check the records themselves before any delivery."""

import socket

from sdk_on_path import SDK_FOLDER  # noqa: F401  (before tokenoptimizer: makes it importable)
from tokenoptimizer import SenderOptions, Tracker

# Records stay in the buffer: the sender lingers for a full batch that never comes.
HOLDING = SenderOptions(linger_seconds=3600, batch_size=500)


def unused_url():
    """A loopback URL where nothing listens: the kernel picked the port, and it is closed again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % probe.getsockname()[1]


def holding_tracker(**settings):
    return Tracker(unused_url(), "tok_test", options=HOLDING, **settings)


def take_buffered(tracker):
    """Takes the buffered records out of the tracker, in their wire form (the JSON Ingestion would receive), oldest first."""
    buffer = tracker._sender._buffer
    return [buffer.popleft().wire() for _ in range(len(buffer))]
