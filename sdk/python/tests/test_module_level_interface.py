"""The seeds' module-level interface: tracked_completion, track(response) and track_event(model, tokens, cost)."""

import os
import subprocess
import sys
import textwrap
import unittest
from decimal import Decimal

from sdk_on_path import SDK_FOLDER  # before tokenoptimizer: makes it importable
import tokenoptimizer
from buffered_records import HOLDING, take_buffered, unused_url
from fake_providers import chat_completion, openai_client


class ModuleLevelInterface(unittest.TestCase):
    def setUp(self):
        self.tracker = tokenoptimizer.configure(unused_url(), "tok_test", options=HOLDING, environment="tests")
        self.addCleanup(self.tracker.close, 0)

    def test_tracked_completion_takes_the_seeds_endpoint_name_as_the_feature(self):
        client = openai_client("https://api.deepseek.com")
        client.replies.append(chat_completion("deepseek-chat", prompt_tokens=300, completion_tokens=40))

        tokenoptimizer.tracked_completion(client.chat.completions.create, model="deepseek-chat", messages=[], endpoint_name="summarization")

        [record] = take_buffered(self.tracker)
        self.assertEqual(("deepseek", "deepseek-chat", "summarization", "tests", 300, 40),
                         (record["provider"], record["model"], record["feature"], record["environment"], record["inputTokens"], record["outputTokens"]))
        self.assertNotIn("endpoint_name", client.requests[-1])

    def test_track_records_a_response_already_received(self):
        response = {"type": "message", "model": "claude-3-haiku-20240307", "usage": {"input_tokens": 120, "output_tokens": 30}}

        returned = tokenoptimizer.track(response, feature="pdf-summary", latency_ms=850)

        [record] = take_buffered(self.tracker)
        self.assertIs(response, returned)
        self.assertEqual(("anthropic", "claude-3-haiku-20240307", "pdf-summary", 120, 30),
                         (record["provider"], record["model"], record["feature"], record["inputTokens"], record["outputTokens"]))
        self.assertGreaterEqual(record["latencyMs"], 850)

    def test_track_event_records_a_manual_call_with_its_reported_cost(self):
        tokenoptimizer.track_event(model="gpt-4", tokens=1500, cost=0.045)
        tokenoptimizer.track_event("gpt-4o", cost=Decimal("0.0000125"), input_tokens=4, output_tokens=1, provider="openai", feature="batch")

        first, second = take_buffered(self.tracker)
        # The tokens of a total count as input; the float 0.045 travels as its shortest text, exactly.
        self.assertEqual(("unknown", "gpt-4", 1500, 0, "0.045"),
                         (first["provider"], first["model"], first["inputTokens"], first["outputTokens"], first["reportedCostUsd"]))
        self.assertEqual(("openai", "gpt-4o", 4, 1, "0.0000125", "batch"),
                         (second["provider"], second["model"], second["inputTokens"], second["outputTokens"], second["reportedCostUsd"], second["feature"]))

    def test_a_bad_cost_is_logged_not_raised(self):
        with self.assertLogs("tokenoptimizer", "WARNING"):
            tokenoptimizer.track_event("gpt-4", tokens=10, cost=-1)

        self.assertEqual([], take_buffered(self.tracker))


class ModuleLevelTrackerFromTheEnvironment(unittest.TestCase):
    def test_without_configure_the_environment_variables_name_ingestion(self):
        program = textwrap.dedent("""
            import tokenoptimizer
            tokenoptimizer.track_event("gpt-4o-mini", tokens=10)
            tracker = tokenoptimizer.default_tracker()
            print(tracker.stats().pending)
            tracker.close(timeout=0)
            """)
        environment = dict(os.environ, TOKENOPTIMIZER_URL=unused_url(), TOKENOPTIMIZER_INGEST_KEY="tok_test")

        child = subprocess.run([sys.executable, "-c", program], cwd=SDK_FOLDER, env=environment, capture_output=True, text=True, timeout=60)

        self.assertEqual((0, "1"), (child.returncode, child.stdout.strip()), child.stderr)


if __name__ == "__main__":
    unittest.main()
