"""Where the real Ingestion service is, for the tests that deliver to it (set by tests/PythonSdk.Tests, or by hand).

INGESTION_URL, INGEST_KEY: a running Ingestion service and an ingest key for it.
INGESTION_OUTAGE_URL: where Ingestion is NOT running yet but will be started once the outage test prints
    OUTAGE_MARKER on its standard output.
TOKENOPTIMIZER_TEST_RUN: prefix of the request ids sent, so the orchestrator can find them in the event log.
"""

import os
import uuid

INGESTION_URL = os.environ.get("INGESTION_URL")
INGEST_KEY = os.environ.get("INGEST_KEY")
INGESTION_OUTAGE_URL = os.environ.get("INGESTION_OUTAGE_URL")
RUN = os.environ.get("TOKENOPTIMIZER_TEST_RUN") or uuid.uuid4().hex
OUTAGE_MARKER = "TOKENOPTIMIZER-OUTAGE: records buffered, start Ingestion now"
OUTAGE_RECORDS = 5

# Long enough for a service started after the marker on a loaded CI machine; flush returns as soon as it is done.
DELIVERY_TIMEOUT_SECONDS = 180


def request_id(name):
    return "%s-%s" % (RUN, name)


def counts(tracker):
    """(delivered, rejected, dropped, pending) of a tracker."""
    stats = tracker.stats()
    return stats.delivered, stats.rejected, stats.dropped, stats.pending
