"""One tracked call as the caller's thread leaves it, and its wire form, built later on the sender's thread.

The caller pays only for capturing a few values; the request id, the timestamp's text and the JSON field names
are made off its path.
"""

import uuid
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, Optional

from .failures import Failure
from .usage import Usage

UNKNOWN = "unknown"
# The seeds' name for the feature label, accepted as such.
ENDPOINT_NAME = "endpoint_name"


@dataclass(frozen=True)
class CallLabels:
    """Who and what a call was for. provider only fills in what the response does not say; model is the model asked
    for (e.g. an Azure deployment name), sent beside the model the response names."""

    feature: Optional[str] = None
    team: Optional[str] = None
    environment: Optional[str] = None
    user_id: Optional[str] = None
    provider: Optional[str] = None
    model: Optional[str] = None
    request_id: Optional[str] = None
    tags: Optional[Dict[str, str]] = None


LABEL_NAMES = frozenset(label.name for label in fields(CallLabels))


@dataclass(frozen=True)
class CallRecord:
    """A call's labels, usage, start (Unix seconds), latency and, if it failed, how; for a stream, when its first token came."""

    labels: CallLabels
    usage: Usage
    occurred_at: float
    latency_ms: float
    failure: Optional[Failure]
    streaming: bool = False
    time_to_first_token_ms: Optional[float] = None
    # What the caller says the call cost (track_event's cost), beside the cost TokenOptimizer computes from its prices.
    reported_cost_usd: Optional[Decimal] = None

    def wire(self) -> Dict[str, Any]:
        """The record under Ingestion's wire names (libs/Contracts/UsageRecorded.cs, camelCase); absent fields are left out."""
        labels, usage, failure = self.labels, self.usage, self.failure
        occurred_at = datetime.fromtimestamp(self.occurred_at, timezone.utc)
        record: Dict[str, Any] = {
            "requestId": labels.request_id or str(uuid.uuid4()),
            "occurredAt": occurred_at.isoformat(timespec="microseconds").replace("+00:00", "Z"),
            # A named provider wins: an OpenAI-shaped answer may come from Azure or another compatible host.
            "provider": labels.provider or usage.provider,
            "model": labels.model or usage.model or UNKNOWN,
            # What the provider says served the call: pricing prefers it when the catalog knows it.
            "responseModel": usage.model,
            "feature": labels.feature,
            "team": labels.team,
            "environment": labels.environment,
            "userId": labels.user_id,
            "inputTokens": usage.input_tokens,
            "outputTokens": usage.output_tokens,
            "cachedInputTokens": usage.cached_input_tokens,
            "cacheWriteTokens": usage.cache_write_tokens,
            "cacheWriteOneHourTokens": usage.cache_write_one_hour_tokens,
            "reasoningTokens": usage.reasoning_tokens,
            "latencyMs": round(self.latency_ms, 3),
            "timeToFirstTokenMs": round(self.time_to_first_token_ms, 3) if self.time_to_first_token_ms is not None else None,
            "streaming": True if self.streaming else None,
            "outcome": "failed" if failure else "succeeded",
            "errorType": failure.error_type if failure else None,
            "errorCode": failure.error_code if failure else None,
            "tags": dict(labels.tags) if labels.tags else None,
            # As text: Ingestion reads it into a decimal exactly, where a JSON float could not carry every amount.
            "reportedCostUsd": format(self.reported_cost_usd, "f") if self.reported_cost_usd is not None else None,
        }
        return {name: value for name, value in record.items() if value is not None}
