"""A streamed call is recorded when its stream ends: with the stream's token counts, the time to its first token and
a latency that runs to its last event, sync and async, for OpenAI Chat Completions, the Responses API and Anthropic.

time.perf_counter is replaced by a FakeClock that the fake provider's stream moves on as each event arrives, so the
expected times follow from the scripted delays: no waiting, and no dependence on the machine's load.
"""

import asyncio
import unittest
from unittest import mock

from buffered_records import holding_tracker, take_buffered
from fake_providers import APIStatusError, FakeClock, Streamed, anthropic_client, anthropic_stream, chat_stream, openai_client, responses_stream

# Before the first event, before the first text, before the second text, before the last event: 0.1 + 0.15 + 0.25 + 0.5 s.
DELAYS = (0.1, 0.15, 0.25, 0.5)
FIRST_TOKEN_MS = 250.0  # 0.1 + 0.15: the role chunk / created event / message_start carry no token yet
LAST_EVENT_MS = 1000.0  # 0.1 + 0.15 + 0.25 + 0.5
CALLER_WORK_SECONDS = 2.0  # what the caller spends on an event


class StreamedCalls(unittest.TestCase):
    def setUp(self):
        self.clock = FakeClock()
        patcher = mock.patch("time.perf_counter", self.clock)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.tracker = holding_tracker()
        self.addCleanup(self.tracker.close, 0)

    def read_sync(self, stream, work_per_event=0.0):
        events = 0
        for _ in stream:
            events += 1
            self.clock.advance(work_per_event)
        # Work after the stream ended (and the call returning long before) is not part of its latency.
        self.clock.advance(CALLER_WORK_SECONDS)
        return events

    def read_async(self, stream):
        async def read():
            events = 0
            async for _ in stream:
                events += 1
            self.clock.advance(CALLER_WORK_SECONDS)
            return events

        return asyncio.run(read())

    def call(self, client, create, asynchronous, **request):
        """Makes the streamed call through the tracker, checks nothing is recorded before the stream is read, reads it."""
        if asynchronous:
            stream = asyncio.run(self.tracker.tracked_completion_async(create, stream=True, feature="chat", **request))
        else:
            stream = self.tracker.tracked_completion(create, stream=True, feature="chat", **request)
        self.assertEqual([], take_buffered(self.tracker), "recorded before the stream was read")
        events = self.read_async(stream) if asynchronous else self.read_sync(stream)
        self.assertGreater(events, 0)
        [record] = take_buffered(self.tracker)
        return record

    def assert_timing(self, record):
        self.assertTrue(record["streaming"])
        self.assertAlmostEqual(FIRST_TOKEN_MS, record["timeToFirstTokenMs"], places=3)
        self.assertAlmostEqual(LAST_EVENT_MS, record["latencyMs"], places=3)

    def test_openai_chat_stream_asks_for_usage_and_records_its_counts(self):
        for asynchronous in (False, True):
            with self.subTest(asynchronous=asynchronous):
                client = openai_client(clock=self.clock, asynchronous=asynchronous)
                client.replies.append(chat_stream("gpt-4o-2024-08-06", prompt_tokens=1200, completion_tokens=300, cached_tokens=1024, delays=DELAYS))

                record = self.call(client, client.chat.completions.create, asynchronous, model="gpt-4o", messages=[])

                self.assertEqual({"include_usage": True}, client.requests[-1]["stream_options"])
                self.assertEqual(("openai", "gpt-4o", "gpt-4o-2024-08-06"), (record["provider"], record["model"], record["responseModel"]))
                # prompt_tokens already includes the cached part.
                self.assertEqual((1200, 1024, 300), (record["inputTokens"], record["cachedInputTokens"], record["outputTokens"]))
                self.assert_timing(record)

    def test_openai_responses_stream_records_the_completed_usage(self):
        for asynchronous in (False, True):
            with self.subTest(asynchronous=asynchronous):
                client = openai_client(clock=self.clock, asynchronous=asynchronous)
                client.replies.append(responses_stream("gpt-4.1-mini-2025-04-14", input_tokens=2048, output_tokens=128,
                                                       cached_tokens=1536, reasoning_tokens=64, delays=DELAYS))

                record = self.call(client, client.responses.create, asynchronous, model="gpt-4.1-mini", input="not read")

                self.assertNotIn("stream_options", client.requests[-1])  # the Responses API always sends its usage
                self.assertEqual(("openai", "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"), (record["provider"], record["model"], record["responseModel"]))
                self.assertEqual((2048, 1536, 128, 64), (record["inputTokens"], record["cachedInputTokens"], record["outputTokens"], record["reasoningTokens"]))
                self.assert_timing(record)

    def test_anthropic_stream_records_start_and_delta_counts(self):
        for asynchronous in (False, True):
            with self.subTest(asynchronous=asynchronous):
                client = anthropic_client(clock=self.clock, asynchronous=asynchronous)
                client.replies.append(anthropic_stream("claude-sonnet-4-20250514", input_tokens=25, cache_read=1000, cache_creation=300,
                                                       output_tokens=80, delays=DELAYS))

                record = self.call(client, client.messages.create, asynchronous, model="claude-sonnet-4-20250514", max_tokens=512, messages=[])

                self.assertEqual(("anthropic", "claude-sonnet-4-20250514"), (record["provider"], record["model"]))
                # message_start's input_tokens (25) leaves the cache out: 25 + 1000 read + 300 written; message_delta's 80 replaces the start's 1.
                self.assertEqual((1325, 1000, 300, 80), (record["inputTokens"], record["cachedInputTokens"], record["cacheWriteTokens"], record["outputTokens"]))
                self.assert_timing(record)

    def test_a_stream_from_a_call_without_its_request_is_still_timed_and_counted(self):
        client = anthropic_client(clock=self.clock)
        client.replies.append(anthropic_stream("claude-3-5-haiku-20241022", input_tokens=400, cache_read=0, cache_creation=0,
                                               output_tokens=50, delays=DELAYS))

        stream = self.tracker.tracked_completion(lambda: client.messages.create(model="claude-3-5-haiku", stream=True))
        self.read_sync(stream)

        [record] = take_buffered(self.tracker)
        self.assertEqual((400, 50), (record["inputTokens"], record["outputTokens"]))
        self.assert_timing(record)

    def test_a_stream_that_fails_midway_is_recorded_as_failed_once(self):
        client = openai_client(clock=self.clock)
        events = chat_stream("gpt-4o", 10, 2, 0, DELAYS).events_for_request({})
        client.replies.append(Streamed(lambda _: events[:2] + [(0.3, APIStatusError(500))]))

        stream = self.tracker.tracked_completion(client.chat.completions.create, model="gpt-4o", stream=True)
        with self.assertRaises(APIStatusError):
            self.read_sync(stream, work_per_event=CALLER_WORK_SECONDS)
        with self.assertRaises(StopIteration):
            next(stream)

        [record] = take_buffered(self.tracker)
        self.assertEqual(("failed", "server_error", "gpt-4o"), (record["outcome"], record["errorType"], record["model"]))
        # 0.1 + 0.15 to the second event, the caller's 2 s on each of the two (the next is read only then), 0.3 s to the failure.
        self.assertAlmostEqual(0.1 + 0.15 + 2 * CALLER_WORK_SECONDS + 0.3, record["latencyMs"] / 1000.0, places=6)

    def test_a_stream_left_early_is_recorded_when_closed(self):
        client = openai_client(clock=self.clock)
        client.replies.append(chat_stream("gpt-4o-mini", 10, 2, 0, DELAYS))

        with self.tracker.tracked_completion(client.chat.completions.create, model="gpt-4o-mini", stream=True) as stream:
            next(stream)
            next(stream)
            self.assertEqual([], take_buffered(self.tracker))

        [record] = take_buffered(self.tracker)
        self.assertTrue(stream.closed)  # the provider's stream was closed too
        self.assertAlmostEqual(FIRST_TOKEN_MS, record["latencyMs"], places=3)
        self.assertEqual(0, record["inputTokens"])  # the usage chunk never came


if __name__ == "__main__":
    unittest.main()
