"""Records reach the real Ingestion service in its wire format; what it refuses is counted, not retried forever.

tests/PythonSdk.Tests checks the stored records (counts, outcome, error type) in the event log afterwards.
"""

import asyncio
import os
import subprocess
import sys
import textwrap
import unittest
from types import SimpleNamespace as Obj

from running_ingestion import DELIVERY_TIMEOUT_SECONDS, counts, INGEST_KEY, INGESTION_URL, request_id
from sdk_on_path import SDK_FOLDER  # before tokenoptimizer: makes it importable
from fake_providers import APIStatusError, anthropic_client, anthropic_stream, chat_stream, openai_client, responses_stream
from tokenoptimizer import SenderOptions, Tracker

NO_DELAYS = (0.0, 0.0, 0.0, 0.0)


class RateLimitError(Exception):
    status_code = 429


@unittest.skipUnless(INGESTION_URL and INGEST_KEY, "needs INGESTION_URL and INGEST_KEY of a running Ingestion service")
class DeliveringToIngestion(unittest.TestCase):
    def test_each_provider_shape_is_delivered(self):
        tracker = Tracker(INGESTION_URL, INGEST_KEY, environment="sdk-tests", options=SenderOptions(linger_seconds=0.05))
        try:
            tracker.tracked_completion(
                lambda: Obj(
                    model="gpt-4o-2024-08-06",
                    usage=Obj(prompt_tokens=1200, completion_tokens=300,
                              prompt_tokens_details=Obj(cached_tokens=1024), completion_tokens_details=Obj(reasoning_tokens=0)),
                ),
                feature="support-chat", request_id=request_id("openai-chat"),
            )
            tracker.tracked_completion(
                lambda: {"model": "o4-mini", "usage": {"prompt_tokens": 500, "completion_tokens": 900,
                                                       "completion_tokens_details": {"reasoning_tokens": 640}}},
                feature="planning", request_id=request_id("openai-reasoning"),
            )
            tracker.tracked_completion(
                lambda: {"object": "response", "model": "gpt-4.1-mini",
                         "usage": {"input_tokens": 2048, "input_tokens_details": {"cached_tokens": 1536},
                                   "output_tokens": 128, "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 2176}},
                feature="search", request_id=request_id("openai-responses"),
            )
            tracker.tracked_completion(
                lambda: Obj(type="message", model="claude-sonnet-4-20250514",
                            usage=Obj(input_tokens=25, cache_read_input_tokens=1000, cache_creation_input_tokens=300, output_tokens=80)),
                feature="support-chat", team="support", request_id=request_id("anthropic"),
            )

            @tracker.track(feature="summaries", request_id=request_id("anthropic-decorated"))
            def summarise():
                return {"type": "message", "model": "claude-3-5-haiku-20241022",
                        "usage": {"input_tokens": 400, "cache_read_input_tokens": None, "output_tokens": 50}}

            summarise()

            def rate_limited():
                raise RateLimitError("slow down")

            with self.assertRaises(RateLimitError):
                tracker.tracked_completion(rate_limited, provider="openai", model="gpt-4o", feature="support-chat",
                                           request_id=request_id("failed"))

            self.assertTrue(tracker.flush(DELIVERY_TIMEOUT_SECONDS), "records still pending: %s" % (tracker.stats(),))
            self.assertEqual((6, 0, 0, 0), counts(tracker))
        finally:
            tracker.close(timeout=5)

    def test_streamed_unlabelled_and_manual_calls_are_delivered(self):
        tracker = Tracker(INGESTION_URL, INGEST_KEY, environment="sdk-tests", options=SenderOptions(linger_seconds=0.05))
        try:
            chat = openai_client()
            chat.replies.append(chat_stream("gpt-4o-2024-08-06", prompt_tokens=1200, completion_tokens=300, cached_tokens=1024, delays=NO_DELAYS))
            for _ in tracker.tracked_completion(chat.chat.completions.create, model="gpt-4o", messages=[], stream=True,
                                                feature="support-chat", request_id=request_id("openai-chat-stream")):
                pass

            responses = openai_client(asynchronous=True)
            responses.replies.append(responses_stream("gpt-4.1-mini-2025-04-14", input_tokens=2048, output_tokens=128, cached_tokens=1536,
                                                      reasoning_tokens=64, delays=NO_DELAYS))

            async def stream_responses():
                stream = await tracker.tracked_completion_async(responses.responses.create, model="gpt-4.1-mini", input="not read", stream=True,
                                                                feature="search", request_id=request_id("openai-responses-stream"))
                async for _ in stream:
                    pass

            asyncio.run(stream_responses())

            anthropic = anthropic_client()
            anthropic.replies.append(anthropic_stream("claude-sonnet-4-20250514", input_tokens=25, cache_read=1000, cache_creation=300,
                                                      output_tokens=80, delays=NO_DELAYS))
            with tracker.tracked_completion(anthropic.messages.create, model="claude-sonnet-4-20250514", max_tokens=512, messages=[],
                                            stream=True, feature="support-chat", request_id=request_id("anthropic-stream")) as stream:
                for _ in stream:
                    pass

            groq = openai_client("https://api.groq.com/openai/v1")
            groq.replies.append(APIStatusError(429))
            with self.assertRaises(APIStatusError):
                tracker.tracked_completion(groq.chat.completions.create, model="llama-3.3-70b-versatile", messages=[],
                                           feature="support-chat", request_id=request_id("failed-unlabelled"))

            tracker.track_event("gpt-4", tokens=1500, cost=0.045, provider="openai", feature="manual", request_id=request_id("manual-event"))

            self.assertTrue(tracker.flush(DELIVERY_TIMEOUT_SECONDS), "records still pending: %s" % (tracker.stats(),))
            self.assertEqual((5, 0, 0, 0), counts(tracker))
        finally:
            tracker.close(timeout=5)

    def test_records_still_buffered_at_exit_are_sent_before_the_program_ends(self):
        # A program that records one call and ends at once, long before the sender's linger would have sent it.
        program = textwrap.dedent("""
            import sys
            from tokenoptimizer import Tracker
            tracker = Tracker(environment="sdk-tests")  # URL and key from TOKENOPTIMIZER_URL / TOKENOPTIMIZER_INGEST_KEY
            tracker.tracked_completion(lambda: {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 64, "completion_tokens": 8}},
                                       feature="at-exit", request_id=sys.argv[1])
            """)
        environment = dict(os.environ, TOKENOPTIMIZER_URL=INGESTION_URL, TOKENOPTIMIZER_INGEST_KEY=INGEST_KEY)

        child = subprocess.run([sys.executable, "-c", program, request_id("at-exit")], cwd=SDK_FOLDER, env=environment,
                               capture_output=True, text=True, timeout=DELIVERY_TIMEOUT_SECONDS)

        self.assertEqual(0, child.returncode, child.stderr)
        # tests/PythonSdk.Tests finds the record in the event log.

    def test_a_record_ingestion_refuses_is_counted_as_rejected(self):
        too_many_tags = {"tag%d" % i: "x" for i in range(21)}  # Ingestion allows 20
        tracker = Tracker(INGESTION_URL, INGEST_KEY, options=SenderOptions(linger_seconds=0.05))
        try:
            tracker.tracked_completion(lambda: {"model": "gpt-4o", "usage": {"prompt_tokens": 1, "completion_tokens": 1}},
                                       tags=too_many_tags, request_id=request_id("too-many-tags"))

            self.assertTrue(tracker.flush(DELIVERY_TIMEOUT_SECONDS))
            self.assertEqual((0, 1, 0, 0), counts(tracker))
        finally:
            tracker.close(timeout=5)

    def test_a_record_that_cannot_be_encoded_is_dropped_alone(self):
        tracker = Tracker(INGESTION_URL, INGEST_KEY, options=SenderOptions(linger_seconds=0.05))
        try:
            chat = {"model": "gpt-4o", "usage": {"prompt_tokens": 1, "completion_tokens": 1}}
            tracker.tracked_completion(lambda: chat, tags={"customer": object()}, request_id=request_id("not-json"))
            tracker.tracked_completion(lambda: chat, request_id=request_id("beside-not-json"))

            self.assertTrue(tracker.flush(DELIVERY_TIMEOUT_SECONDS))
            self.assertEqual((1, 0, 1, 0), counts(tracker))
        finally:
            tracker.close(timeout=5)

    def test_a_wrong_key_is_not_retried_forever(self):
        tracker = Tracker(INGESTION_URL, "tok_not-a-key", options=SenderOptions(linger_seconds=0.05))
        try:
            tracker.tracked_completion(lambda: {"model": "gpt-4o", "usage": {"prompt_tokens": 1, "completion_tokens": 1}},
                                       request_id=request_id("wrong-key"))

            self.assertTrue(tracker.flush(DELIVERY_TIMEOUT_SECONDS), "a refused batch was still being retried")
            self.assertEqual((0, 1, 0, 0), counts(tracker))
        finally:
            tracker.close(timeout=5)


if __name__ == "__main__":
    unittest.main()
