"""With nothing listening at the Ingestion URL, the host application's calls behave exactly as without the SDK."""

import asyncio
import os
import socket
import time
import unittest
import warnings

import sdk_on_path  # noqa: F401  (before tokenoptimizer: makes it importable)
from buffered_records import unused_url
from tokenoptimizer import SenderOptions, Tracker


class ProviderError(Exception):
    status_code = 429


class ExplodingResponse:
    @property
    def usage(self):
        raise RuntimeError("a response model that fails when read")


CHAT = {"model": "gpt-4o", "usage": {"prompt_tokens": 10, "completion_tokens": 2}}


class TrackingWhileIngestionIsDown(unittest.TestCase):
    def setUp(self):
        self.tracker = Tracker(unused_url(), "tok_test", options=SenderOptions(initial_backoff_seconds=0.05, max_backoff_seconds=0.2))

    def tearDown(self):
        self.tracker.close(timeout=0)

    def test_call_returns_its_response_unchanged(self):
        response = {"model": "gpt-4o", "usage": {"prompt_tokens": 10, "completion_tokens": 2}}

        returned = self.tracker.tracked_completion(lambda: response, feature="support-chat")

        self.assertIs(response, returned)
        self.assertEqual(1, self.tracker.stats().pending)

    def test_provider_exception_reaches_the_caller_unchanged_after_a_failed_record(self):
        raised = ProviderError("rate limited")

        def call():
            raise raised

        try:
            self.tracker.tracked_completion(call, provider="openai", model="gpt-4o")
            self.fail("the provider's exception did not reach the caller")
        except ProviderError as caught:
            self.assertIs(raised, caught)
            frames = []
            traceback = caught.__traceback__
            while traceback is not None:
                frames.append(traceback.tb_frame.f_code.co_name)
                traceback = traceback.tb_next

        # The traceback still leads to where the provider raised.
        self.assertEqual("call", frames[-1])
        self.assertEqual(1, self.tracker.stats().pending)

    def test_a_response_that_cannot_be_read_still_returns(self):
        response = ExplodingResponse()

        self.assertIs(response, self.tracker.tracked_completion(lambda: response))

    def test_an_unknown_label_is_ignored_on_a_call_and_refused_on_a_decorator(self):
        self.assertIs(CHAT, self.tracker.tracked_completion(lambda: CHAT, featur="typo"))

        with self.assertRaises(TypeError):
            self.tracker.track(featur="typo")

    def test_decorator_and_async_forms_return_the_response(self):
        @self.tracker.track(feature="summaries")
        def summarise(text):
            return dict(CHAT, echoed=len(text))

        @self.tracker.track(feature="summaries")
        async def summarise_async():
            return CHAT

        self.assertEqual(3, summarise("abc")["echoed"])
        self.assertEqual("summarise", summarise.__name__)
        self.assertIs(CHAT, asyncio.run(summarise_async()))
        self.assertEqual(2, self.tracker.stats().pending)

    def test_recording_adds_no_measurable_delay(self):
        calls = 2000
        started = time.perf_counter()
        for _ in range(calls):
            self.tracker.tracked_completion(lambda: CHAT, feature="support-chat")
        per_call_ms = (time.perf_counter() - started) * 1000 / calls

        # Recording is a buffer append: far below a millisecond, against LLM calls of hundreds of them.
        self.assertLess(per_call_ms, 1.0, "each tracked call spent %.3f ms recording" % per_call_ms)
        self.assertEqual(calls, self.tracker.stats().pending)


class TrackingWhileIngestionHangs(unittest.TestCase):
    def test_calls_return_at_once_while_the_sender_waits_for_an_answer(self):
        # A service that takes connections and never answers: the sender's request hangs until its timeout.
        with socket.socket() as hung:
            hung.bind(("127.0.0.1", 0))
            hung.listen(16)
            url = "http://127.0.0.1:%d" % hung.getsockname()[1]
            tracker = Tracker(url, "tok_test", options=SenderOptions(linger_seconds=0, request_timeout_seconds=30))
            try:
                tracker.tracked_completion(lambda: CHAT)
                self.assertFalse(tracker.flush(timeout=0.3), "the hung service answered")

                started = time.perf_counter()
                for _ in range(100):
                    self.assertIs(CHAT, tracker.tracked_completion(lambda: CHAT))
                elapsed = time.perf_counter() - started

                self.assertLess(elapsed, 1.0, "100 tracked calls took %.3f s while the sender waited" % elapsed)
                self.assertEqual(101, tracker.stats().pending)
            finally:
                tracker.close(timeout=0)


@unittest.skipUnless(hasattr(os, "fork"), "fork is POSIX only")
class ForkedChild(unittest.TestCase):
    def test_a_forked_child_starts_empty_and_records_without_blocking(self):
        tracker = Tracker(unused_url(), "tok_test", options=SenderOptions(initial_backoff_seconds=5))
        try:
            for _ in range(3):
                tracker.tracked_completion(lambda: CHAT)
            read, write = os.pipe()
            with warnings.catch_warnings():
                # Python 3.12+ warns that forking a threaded process may deadlock the child: what this test shows the SDK avoids.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
            if pid == 0:  # the child: report its stats through the pipe and leave without running atexit
                try:
                    tracker.tracked_completion(lambda: CHAT)
                    stats = tracker.stats()
                    os.write(write, ("%d %d" % (stats.pending, stats.dropped)).encode())
                finally:
                    os._exit(0)
            os.close(write)
            child_stats = os.read(read, 100).decode()
            os.waitpid(pid, 0)
            os.close(read)

            self.assertEqual("1 0", child_stats)
            self.assertEqual(3, tracker.stats().pending)
        finally:
            tracker.close(timeout=0)


class BoundedBuffer(unittest.TestCase):
    def test_a_full_buffer_drops_the_new_record_and_counts_it(self):
        tracker = Tracker(unused_url(), "tok_test", options=SenderOptions(max_buffered=3, batch_size=1))
        try:
            for _ in range(6):
                tracker.tracked_completion(lambda: CHAT)

            stats = tracker.stats()
            # At most 3 buffered plus the one batch (of 1) being retried; the rest were dropped.
            self.assertLessEqual(stats.pending, 4)
            self.assertEqual(6, stats.pending + stats.dropped)
            self.assertGreaterEqual(stats.dropped, 2)
        finally:
            tracker.close(timeout=0)

    def test_close_gives_up_in_time_and_counts_what_was_left(self):
        tracker = Tracker(unused_url(), "tok_test", options=SenderOptions(initial_backoff_seconds=5))
        for _ in range(4):
            tracker.tracked_completion(lambda: CHAT)

        started = time.monotonic()
        settled = tracker.close(timeout=0.3)
        tracker.tracked_completion(lambda: CHAT)  # after close: still returns, and is counted as dropped

        self.assertFalse(settled)
        self.assertLess(time.monotonic() - started, 3)
        self.assertEqual((0, 0, 5), (tracker.stats().delivered, tracker.stats().pending, tracker.stats().dropped))


if __name__ == "__main__":
    unittest.main()
