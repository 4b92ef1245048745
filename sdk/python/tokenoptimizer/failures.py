"""Says how a call failed (the contract's errorType) from the exception the provider's SDK raised.

Only the exception's type, HTTP status and error code are read: its message may quote the prompt.
"""

from dataclasses import dataclass
from typing import Optional

TIMEOUT = "timeout"
RATE_LIMIT = "rate_limit"
INVALID_REQUEST = "invalid_request"
SERVER_ERROR = "server_error"
AUTH_ERROR = "auth_error"
CONTENT_FILTER = "content_filter"
OTHER = "other"

_CONTENT_FILTER_CODES = {"content_filter", "content_policy_violation"}
_MAX_CODE_LENGTH = 200


@dataclass(frozen=True)
class Failure:
    """The contract's errorType and errorCode of a failed call."""

    error_type: str
    error_code: Optional[str]


def classify(error: BaseException) -> Failure:
    """Classifies the exceptions of the OpenAI and Anthropic SDKs (and urllib, requests, httpx) by status and type."""
    status = _status(error)
    code = attribute(error, "code")
    code_text = code if isinstance(code, str) and code else None
    error_code = (code_text or (str(status) if status is not None else None))
    if error_code is not None:
        error_code = error_code[:_MAX_CODE_LENGTH]
    return Failure(_error_type(error, status, code_text), error_code)


def _error_type(error: BaseException, status: Optional[int], code: Optional[str]) -> str:
    name = type(error).__name__.lower()
    if code in _CONTENT_FILTER_CODES or "contentfilter" in name:
        return CONTENT_FILTER
    if isinstance(error, TimeoutError) or "timeout" in name or status in (408, 504):
        return TIMEOUT
    if status == 429 or "ratelimit" in name:
        return RATE_LIMIT
    if status in (401, 403) or "authentication" in name or "permissiondenied" in name:
        return AUTH_ERROR
    if status is not None and status >= 500 or "internalserver" in name or "overloaded" in name:
        return SERVER_ERROR
    if status is not None and 400 <= status < 500 or "badrequest" in name or "unprocessable" in name:
        return INVALID_REQUEST
    return OTHER


def _status(error: BaseException) -> Optional[int]:
    # openai/anthropic: status_code; urllib.error.HTTPError: code; requests/httpx: response.status_code.
    for candidate in (
        attribute(error, "status_code"),
        attribute(error, "status"),
        attribute(error, "code"),
        attribute(attribute(error, "response"), "status_code"),
    ):
        if isinstance(candidate, int) and not isinstance(candidate, bool) and 100 <= candidate <= 599:
            return candidate
    return None


def attribute(source: object, name: str) -> object:
    """An attribute, or None when it is missing or reading it fails."""
    # Some exceptions fail on reading a missing attribute with other than AttributeError (urllib's HTTPError
    # without a body, on Python 3.9): a failure record must still be made.
    try:
        return getattr(source, name, None)
    except Exception:
        return None
