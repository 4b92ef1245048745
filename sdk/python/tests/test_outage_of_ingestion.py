"""The host application's calls succeed while Ingestion is down, and the buffered records arrive once it is back.

Needs an orchestrator (tests/PythonSdk.Tests): it starts Ingestion at INGESTION_OUTAGE_URL only after this
test prints OUTAGE_MARKER, so nothing can have been delivered before.
"""

import sys
import unittest

from running_ingestion import DELIVERY_TIMEOUT_SECONDS, counts, INGEST_KEY, INGESTION_OUTAGE_URL, OUTAGE_MARKER, OUTAGE_RECORDS, request_id
import sdk_on_path  # noqa: F401  (before tokenoptimizer: makes it importable)
from tokenoptimizer import SenderOptions, Tracker


@unittest.skipUnless(INGESTION_OUTAGE_URL and INGEST_KEY, "needs INGESTION_OUTAGE_URL, INGEST_KEY and an orchestrator that starts Ingestion there")
class OutageOfIngestion(unittest.TestCase):
    def test_calls_succeed_during_the_outage_and_records_arrive_after_it(self):
        # Short backoff so the records go soon after the service is back; production defaults wait up to 30 s.
        options = SenderOptions(linger_seconds=0.05, initial_backoff_seconds=0.1, max_backoff_seconds=1.0)
        tracker = Tracker(INGESTION_OUTAGE_URL, INGEST_KEY, feature="outage", options=options)
        try:
            for i in range(OUTAGE_RECORDS):
                response = {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 100 + i, "completion_tokens": 10}}

                returned = tracker.tracked_completion(lambda: response, request_id=request_id("outage-%d" % i))

                self.assertIs(response, returned)

            # Nothing is settled while the service is down: not delivered, and not lost either.
            self.assertFalse(tracker.flush(timeout=0.5), "records were settled while Ingestion was down")
            self.assertEqual((0, 0, 0, OUTAGE_RECORDS), counts(tracker))

            print(OUTAGE_MARKER, flush=True)
            sys.stdout.flush()

            self.assertTrue(tracker.flush(DELIVERY_TIMEOUT_SECONDS), "buffered records not delivered after Ingestion returned: %s" % (tracker.stats(),))
            self.assertEqual((OUTAGE_RECORDS, 0, 0, 0), counts(tracker))
        finally:
            tracker.close(timeout=5)


if __name__ == "__main__":
    unittest.main()
