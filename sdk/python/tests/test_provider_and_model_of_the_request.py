"""A call is booked to the provider its client's base URL names and to the model its request asked for, also when it
fails and the caller labelled nothing."""

import asyncio
import unittest

from buffered_records import holding_tracker, take_buffered
from fake_providers import APIStatusError, anthropic_client, chat_completion, openai_client

# The base URLs the providers document for their OpenAI-compatible endpoints (Azure's: the resource's endpoint).
HOSTS = {
    "https://api.openai.com/v1": "openai",
    "https://api.mistral.ai/v1": "mistral",
    "https://api.groq.com/openai/v1": "groq",
    "https://api.deepseek.com": "deepseek",
    "https://api.together.xyz/v1": "together_ai",
    "https://openrouter.ai/api/v1": "openrouter",
    "https://contoso-eastus.openai.azure.com/openai/": "azure",
    "https://contoso-foundry.cognitiveservices.azure.com/openai/": "azure",
}


class FailedCalls(unittest.TestCase):
    def setUp(self):
        self.tracker = holding_tracker()
        self.addCleanup(self.tracker.close, 0)

    def test_a_failed_call_keeps_the_provider_and_model_of_its_request(self):
        client = openai_client("https://api.groq.com/openai/v1")
        client.replies.append(APIStatusError(429))

        with self.assertRaises(APIStatusError):
            self.tracker.tracked_completion(client.chat.completions.create, model="llama-3.3-70b-versatile", messages=[], feature="chat")

        [record] = take_buffered(self.tracker)
        self.assertEqual(("groq", "llama-3.3-70b-versatile", "failed", "rate_limit", "chat"),
                         (record["provider"], record["model"], record["outcome"], record["errorType"], record["feature"]))

    def test_a_failed_async_anthropic_call_keeps_them_too(self):
        client = anthropic_client(asynchronous=True)
        client.replies.append(APIStatusError(529))

        async def call():
            await self.tracker.tracked_completion_async(client.messages.create, model="claude-sonnet-4-20250514", max_tokens=10, messages=[])

        with self.assertRaises(APIStatusError):
            asyncio.run(call())

        [record] = take_buffered(self.tracker)
        self.assertEqual(("anthropic", "claude-sonnet-4-20250514", "server_error"), (record["provider"], record["model"], record["errorType"]))

    def test_a_failed_call_in_a_lambda_is_read_from_the_request_its_exception_carries(self):
        client = openai_client("https://api.mistral.ai/v1")
        client.replies.append(APIStatusError(400))

        with self.assertRaises(APIStatusError):
            self.tracker.tracked_completion(lambda: client.chat.completions.create(model="mistral-large-latest", messages=[]))

        [record] = take_buffered(self.tracker)
        self.assertEqual(("mistral", "mistral-large-latest", "invalid_request"), (record["provider"], record["model"], record["errorType"]))
        self.assertNotIn("errorMessage", record)  # the message may quote the prompt

    def test_labels_still_win_over_the_request(self):
        client = openai_client("https://api.openai.com/v1")
        client.replies.append(APIStatusError(500))

        with self.assertRaises(APIStatusError):
            self.tracker.tracked_completion(client.chat.completions.create, model="gpt-4o", provider="openai-eu", messages=[])

        [record] = take_buffered(self.tracker)
        self.assertEqual(("openai-eu", "gpt-4o"), (record["provider"], record["model"]))


class ProviderFromTheBaseUrl(unittest.TestCase):
    def test_a_call_through_each_listed_host_is_booked_to_that_provider(self):
        tracker = holding_tracker()
        self.addCleanup(tracker.close, 0)
        for base_url, provider in HOSTS.items():
            with self.subTest(base_url=base_url):
                client = openai_client(base_url)
                reply = chat_completion("some-model", prompt_tokens=100, completion_tokens=20)
                client.replies.append(reply)

                response = tracker.tracked_completion(client.chat.completions.create, model="some-model", messages=[])

                [record] = take_buffered(tracker)
                self.assertIs(reply, response)
                self.assertEqual((provider, 100, 20), (record["provider"], record["inputTokens"], record["outputTokens"]))
                self.assertEqual({"model": "some-model", "messages": []}, client.requests[-1])  # labels are not sent to the provider

    def test_the_table_is_configurable_and_an_unknown_host_falls_back_to_the_response_shape(self):
        tracker = holding_tracker(provider_hosts={"llm-gateway.internal": "fireworks", "api.groq.com": "groq-eu"})
        self.addCleanup(tracker.close, 0)
        for base_url, provider in (("http://llm-gateway.internal:8080/v1", "fireworks"), ("https://api.groq.com/openai/v1", "groq-eu"),
                                   ("http://127.0.0.1:11434/v1", "openai")):
            with self.subTest(base_url=base_url):
                client = openai_client(base_url)
                client.replies.append(chat_completion("m", prompt_tokens=1, completion_tokens=1))

                tracker.tracked_completion(client.chat.completions.create, model="m", messages=[])

                self.assertEqual(provider, take_buffered(tracker)[0]["provider"])


if __name__ == "__main__":
    unittest.main()
