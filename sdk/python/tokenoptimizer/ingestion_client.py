"""One ``POST /v1/usage`` of a batch, and what Ingestion's answer means for it: settled, or to be retried."""

import http.client
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass

_RETRYABLE_CLIENT_ERRORS = (408, 429)
_USER_AGENT = "tokenoptimizer-python/0.1.0"

log = logging.getLogger("tokenoptimizer")


@dataclass(frozen=True)
class Answer:
    """Settled (stored or refused: not worth sending again), or a retry after at least ``retry_after`` seconds."""

    settled: bool
    delivered: int = 0
    rejected: int = 0
    retry_after: float = 0.0


class IngestionClient:
    """Posts JSON batches with the ingest key, over ``urllib.request``; used by the sender's thread only."""

    def __init__(self, ingestion_url: str, ingest_key: str, timeout_seconds: float) -> None:
        self._endpoint = ingestion_url.rstrip("/") + "/v1/usage"
        self._headers = {"Content-Type": "application/json", "Authorization": "Bearer " + ingest_key, "User-Agent": _USER_AGENT}
        self._timeout = timeout_seconds
        self._unreachable = False  # so an outage is logged once, not on every retry

    def post(self, body: bytes, count: int) -> Answer:
        """Sends ``count`` records encoded as a JSON array in ``body``."""
        request = urllib.request.Request(self._endpoint, data=body, headers=self._headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                self._reachable()
                return _accepted(response.read(), count)
        except urllib.error.HTTPError as error:
            with error:
                if error.code >= 500 or error.code in _RETRYABLE_CLIENT_ERRORS:
                    self._unreachable_now("answered %s" % error.code)
                    return Answer(settled=False, retry_after=_retry_after(error.headers.get("Retry-After")))
                # Any other 4xx (a wrong key, say) would be refused again: not retried.
                self._reachable()
                log.warning("TokenOptimizer ingestion refused %d records with %s: %s", count, error.code, _problem_title(error.read()))
                return Answer(settled=True, rejected=count)
        except (urllib.error.URLError, http.client.HTTPException, OSError) as error:
            self._unreachable_now("unreachable: %s" % error)
            return Answer(settled=False)

    def _unreachable_now(self, reason: str) -> None:
        if not self._unreachable:
            log.warning("TokenOptimizer ingestion %s; records are kept and retried with backoff", reason)
        self._unreachable = True

    def _reachable(self) -> None:
        if self._unreachable:
            log.info("TokenOptimizer ingestion reachable again")
        self._unreachable = False


def _accepted(body: bytes, count: int) -> Answer:
    # 202 says how many records were invalid (kept in Ingestion's quarantine); the rest are stored or duplicates.
    try:
        rejected = int(json.loads(body).get("rejected", 0))
    except (ValueError, AttributeError, TypeError):
        rejected = 0  # an answer we cannot read still means the batch was taken
    if rejected:
        log.warning("TokenOptimizer ingestion rejected %d of %d records (kept in its quarantine)", rejected, count)
    return Answer(settled=True, delivered=count - rejected, rejected=rejected)


def _retry_after(value: object) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except (TypeError, ValueError):
        return 0.0


def _problem_title(body: bytes) -> str:
    try:
        problem = json.loads(body)
        return str(problem.get("title") or problem.get("detail") or "no reason given")
    except (ValueError, AttributeError):
        return "no reason given"
