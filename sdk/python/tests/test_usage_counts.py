"""Each provider's counts become the contract's one meaning: input includes cache reads and writes, output includes reasoning."""

import unittest
from types import SimpleNamespace as Obj

import sdk_on_path  # noqa: F401  (before tokenoptimizer: makes it importable)
from tokenoptimizer import Usage, read_usage
from tokenoptimizer.call_record import CallLabels, CallRecord


class OpenAIChatCompletions(unittest.TestCase):
    def test_object_response_keeps_prompt_tokens_as_the_whole_input(self):
        response = Obj(
            model="gpt-4o-2024-08-06",
            choices=[Obj(message=Obj(content="not read"))],
            usage=Obj(
                prompt_tokens=1200,
                completion_tokens=300,
                total_tokens=1500,
                prompt_tokens_details=Obj(cached_tokens=1024, audio_tokens=0),
                completion_tokens_details=Obj(reasoning_tokens=0),
            ),
        )

        usage = read_usage(response)

        # OpenAI's prompt_tokens already counts the 1024 cached tokens: no addition.
        self.assertEqual(Usage("openai", "gpt-4o-2024-08-06", input_tokens=1200, output_tokens=300, cached_input_tokens=1024), usage)

    def test_dict_response_keeps_reasoning_inside_output(self):
        response = {
            "model": "o4-mini",
            "usage": {
                "prompt_tokens": 500,
                "completion_tokens": 900,
                "prompt_tokens_details": {"cached_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 640},
            },
        }

        usage = read_usage(response)

        # completion_tokens (900) already includes the 640 reasoning tokens.
        self.assertEqual(Usage("openai", "o4-mini", input_tokens=500, output_tokens=900, reasoning_tokens=640), usage)

    def test_missing_details_count_as_zero(self):
        usage = read_usage({"model": "gpt-4o-mini", "usage": {"prompt_tokens": 10, "completion_tokens": 2, "prompt_tokens_details": None}})

        self.assertEqual(Usage("openai", "gpt-4o-mini", input_tokens=10, output_tokens=2), usage)


class OpenAIResponsesApi(unittest.TestCase):
    def test_input_tokens_with_details_is_read_as_openai(self):
        response = {
            "object": "response",
            "model": "gpt-4.1-mini",
            "usage": {
                "input_tokens": 2048,
                "input_tokens_details": {"cached_tokens": 1536},
                "output_tokens": 128,
                "output_tokens_details": {"reasoning_tokens": 64},
                "total_tokens": 2176,
            },
        }

        usage = read_usage(response)

        self.assertEqual(
            Usage("openai", "gpt-4.1-mini", input_tokens=2048, output_tokens=128, cached_input_tokens=1536, reasoning_tokens=64), usage
        )

    def test_object_response_without_object_field_is_recognised_by_its_details(self):
        response = Obj(model="gpt-4.1", usage=Obj(input_tokens=30, output_tokens=5, input_tokens_details=Obj(cached_tokens=0)))

        self.assertEqual("openai", read_usage(response).provider)


class AnthropicMessages(unittest.TestCase):
    def test_cache_reads_and_writes_are_added_to_input(self):
        response = Obj(
            type="message",
            model="claude-sonnet-4-20250514",
            content=[Obj(type="text", text="not read")],
            usage=Obj(input_tokens=25, cache_read_input_tokens=1000, cache_creation_input_tokens=300, output_tokens=80),
        )

        usage = read_usage(response)

        # Anthropic's input_tokens (25) excludes the cache: 25 + 1000 read + 300 written = 1325.
        self.assertEqual(
            Usage("anthropic", "claude-sonnet-4-20250514", input_tokens=1325, output_tokens=80, cached_input_tokens=1000, cache_write_tokens=300),
            usage,
        )

    def test_one_hour_cache_writes_are_a_part_of_the_writes(self):
        response = {
            "type": "message",
            "model": "claude-sonnet-4-20250514",
            "usage": {"input_tokens": 100, "cache_creation_input_tokens": 8000,
                      "cache_creation": {"ephemeral_5m_input_tokens": 2000, "ephemeral_1h_input_tokens": 6000}, "output_tokens": 10},
        }

        usage = read_usage(response)

        self.assertEqual((8100, 8000, 6000), (usage.input_tokens, usage.cache_write_tokens, usage.cache_write_one_hour_tokens))

    def test_requested_model_and_response_model_are_sent_side_by_side(self):
        usage = read_usage({"type": "message", "model": "claude-sonnet-4-20250514",
                            "usage": {"input_tokens": 1, "cache_creation_input_tokens": 3,
                                      "cache_creation": {"ephemeral_1h_input_tokens": 2}, "output_tokens": 1}})
        record = CallRecord(CallLabels(model="claude-sonnet-4"), usage, occurred_at=0.0, latency_ms=1.0, failure=None)

        wire = record.wire()

        self.assertEqual(("claude-sonnet-4", "claude-sonnet-4-20250514"), (wire["model"], wire["responseModel"]))
        self.assertEqual((3, 2), (wire["cacheWriteTokens"], wire["cacheWriteOneHourTokens"]))

    def test_null_cache_counts_are_zero(self):
        response = {
            "type": "message",
            "model": "claude-3-5-haiku-20241022",
            "usage": {"input_tokens": 400, "cache_read_input_tokens": None, "cache_creation_input_tokens": None, "output_tokens": 50},
        }

        self.assertEqual(Usage("anthropic", "claude-3-5-haiku-20241022", input_tokens=400, output_tokens=50), read_usage(response))

    def test_parts_never_exceed_the_whole(self):
        usage = read_usage({"model": "claude-opus-4-1", "usage": {"input_tokens": 0, "cache_read_input_tokens": 7, "output_tokens": 1}})

        self.assertLessEqual(usage.cached_input_tokens + usage.cache_write_tokens, usage.input_tokens)


class ResponsesWithoutUsage(unittest.TestCase):
    def test_no_usage_gives_none(self):
        self.assertIsNone(read_usage({"model": "gpt-4o"}))
        self.assertIsNone(read_usage(iter(())))  # a stream
        self.assertIsNone(read_usage(None))

    def test_nonsense_counts_become_zero(self):
        usage = read_usage({"model": "m", "usage": {"prompt_tokens": "12", "completion_tokens": -3}})

        self.assertEqual((0, 0), (usage.input_tokens, usage.output_tokens))


if __name__ == "__main__":
    unittest.main()
