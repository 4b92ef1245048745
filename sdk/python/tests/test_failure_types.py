"""A failed call's errorType comes from the exception's status and type, never from its message."""

import socket
import unittest
import urllib.error

import sdk_on_path  # noqa: F401  (before tokenoptimizer: makes it importable)
from tokenoptimizer import Failure, classify


class RateLimitError(Exception):
    def __init__(self, message, status_code):
        super().__init__(message)
        self.status_code = status_code


class APIStatusError(Exception):
    def __init__(self, status_code, code=None):
        super().__init__("the prompt 'secret' was too long")
        self.status_code = status_code
        self.code = code


class ClassifyingFailures(unittest.TestCase):
    def test_status_codes(self):
        cases = {429: "rate_limit", 401: "auth_error", 403: "auth_error", 400: "invalid_request", 404: "invalid_request",
                 500: "server_error", 529: "server_error", 408: "timeout", 504: "timeout"}
        for status, expected in cases.items():
            with self.subTest(status=status):
                self.assertEqual(Failure(expected, str(status)), classify(APIStatusError(status)))

    def test_provider_error_code_is_kept_and_content_filter_recognised(self):
        self.assertEqual(Failure("content_filter", "content_filter"), classify(APIStatusError(400, code="content_filter")))
        self.assertEqual(Failure("rate_limit", "rate_limit_exceeded"), classify(APIStatusError(429, code="rate_limit_exceeded")))

    def test_exception_types(self):
        self.assertEqual("rate_limit", classify(RateLimitError("slow down", 429)).error_type)
        self.assertEqual("timeout", classify(socket.timeout()).error_type)
        self.assertEqual("timeout", classify(TimeoutError()).error_type)
        self.assertEqual("other", classify(ValueError("boom")).error_type)
        self.assertIsNone(classify(ValueError("boom")).error_code)

    def test_urllib_http_error(self):
        error = urllib.error.HTTPError("http://x", 503, "unavailable", {}, None)

        self.assertEqual(Failure("server_error", "503"), classify(error))


if __name__ == "__main__":
    unittest.main()
