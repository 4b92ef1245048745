#!/usr/bin/env python3
"""Builds libs/Catalog/Data/model-prices.json from LiteLLM's model cost map.

Usage (from the repository root):
    python3 tools/catalog/build_catalog.py [SOURCE_JSON] [--output PATH] [--check]

SOURCE_JSON defaults to ../shared/data/litellm-model-prices.json. With --check the
script rebuilds the catalog in memory and fails if the file on disk differs, so CI
can prove the shipped file is exactly what this script makes from the source.

Prices are parsed as decimal.Decimal straight from the JSON text and written as
plain decimal strings, so no value ever passes through a binary float.
"""

import argparse
import decimal
import hashlib
import json
import os
import sys

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SOURCE = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data", "litellm-model-prices.json"))
DEFAULT_OUTPUT = os.path.join(REPO_ROOT, "libs", "Catalog", "Data", "model-prices.json")

SOURCE = {
    "repository": "https://github.com/BerriAI/litellm",
    "path": "model_prices_and_context_window.json",
    "commit": "0435375b1271b49f75c01c254ac7c295c4f0f2bd",
    "date": "2026-02-27T09:52:10-08:00",
    "licence": "MIT",
    "copyright": "Copyright (c) 2023 Berri AI",
}
VERSION_PREFIX = "litellm@" + SOURCE["commit"][:8]

# The snapshot's prices apply to all history until a newer dated price exists.
SNAPSHOT_EFFECTIVE_FROM = "0001-01-01T00:00:00Z"

# Our field name -> LiteLLM field name, per rate group. Service-tier and context-tier
# rates are the base field name plus a suffix; absent fields are simply left out.
BASE_RATES = {
    "input": "input_cost_per_token",
    "output": "output_cost_per_token",
    "cacheRead": "cache_read_input_token_cost",
    "cacheWrite": "cache_creation_input_token_cost",
    "cacheWriteOneHour": "cache_creation_input_token_cost_above_1hr",
    "reasoning": "output_cost_per_reasoning_token",
}
CONTEXT_TIERS = {  # our tier name -> LiteLLM suffix
    "above200k": "_above_200k_tokens",
    "above128k": "_above_128k_tokens",
}
CONTEXT_TIER_RATES = ("input", "output", "cacheRead", "cacheWrite", "cacheWriteOneHour")
SERVICE_TIERS = {
    "batch": "_batches",
    "flex": "_flex",
    "priority": "_priority",
}
SERVICE_TIER_RATES = ("input", "output", "cacheRead")

CAPABILITIES = {  # our name -> LiteLLM flag
    "vision": "supports_vision",
    "functionCalling": "supports_function_calling",
    "responseSchema": "supports_response_schema",
    "promptCaching": "supports_prompt_caching",
    "reasoning": "supports_reasoning",
}


def price_text(key, field, value):
    if isinstance(value, bool) or not isinstance(value, (int, decimal.Decimal)):
        raise ValueError(f"{key}.{field}: not a number: {value!r}")
    value = decimal.Decimal(value)
    if value < 0:
        raise ValueError(f"{key}.{field}: negative price {value}")
    # 'f' keeps every digit of the source and never uses an exponent: 3E-7 -> 0.0000003.
    return format(value, "f")


def token_limit(key, field, value):
    if value is None:
        return None
    if isinstance(value, (int, decimal.Decimal)) and not isinstance(value, bool) and value == int(value):
        return int(value)
    raise ValueError(f"{key}.{field}: not a whole number: {value!r}")


def rates(key, entry, names, suffix):
    result = {}
    for name in names:
        field = BASE_RATES[name] + suffix
        if entry.get(field) is not None:
            result[name] = price_text(key, field, entry[field])
    return result


def convert(key, entry):
    price = {"effectiveFrom": SNAPSHOT_EFFECTIVE_FROM, "version": f"{VERSION_PREFIX}:{key}"}
    price.update(rates(key, entry, BASE_RATES, ""))
    for tier, suffix in CONTEXT_TIERS.items():
        tier_rates = rates(key, entry, CONTEXT_TIER_RATES, suffix)
        if tier_rates:
            price[tier] = tier_rates
    for tier, suffix in SERVICE_TIERS.items():
        tier_rates = rates(key, entry, SERVICE_TIER_RATES, suffix)
        if tier_rates:
            price[tier] = tier_rates

    model = {"key": key, "provider": entry["litellm_provider"]}
    if entry.get("mode"):
        model["mode"] = entry["mode"]
    for ours, theirs in (("maxInputTokens", "max_input_tokens"), ("maxOutputTokens", "max_output_tokens")):
        limit = token_limit(key, theirs, entry.get(theirs))
        if limit is not None:
            model[ours] = limit
    capabilities = [name for name, flag in CAPABILITIES.items() if entry.get(flag) is True]
    if capabilities:
        model["capabilities"] = capabilities
    model["prices"] = [price]
    return model


def build(source_path):
    with open(source_path, "rb") as f:
        raw = f.read()
    data = json.loads(raw, parse_float=decimal.Decimal)

    models = []
    seen = {}  # lower-case key -> converted model; lookups are case-insensitive
    skipped_duplicates = []
    for key, entry in data.items():
        if key == "sample_spec":
            continue
        if entry.get("input_cost_per_token") is None and entry.get("output_cost_per_token") is None:
            continue
        model = convert(key, entry)
        folded = key.lower()
        if folded in seen:
            # The source holds a few keys twice in different case. Keep the first if the two
            # are identical apart from the key; anything else is a conflict a human must settle.
            first = seen[folded]
            if strip_key(first) != strip_key(model):
                raise ValueError(f"keys {first['key']!r} and {key!r} differ only in case but have different data")
            skipped_duplicates.append(key)
            continue
        seen[folded] = model
        models.append(model)

    source = dict(SOURCE)
    source["sha256"] = hashlib.sha256(raw).hexdigest()
    return render(source, models), models, skipped_duplicates


def strip_key(model):
    copy = json.loads(json.dumps(model))
    copy.pop("key")
    for price in copy["prices"]:
        price.pop("version")
    return copy


def render(source, models):
    # One model per line: small diffs when the source changes, still valid JSON.
    def dump(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{", f'"source":{dump(source)},', '"models":[']
    lines.extend(dump(model) + ("," if i < len(models) - 1 else "") for i, model in enumerate(models))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help="LiteLLM model_prices_and_context_window.json")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="catalog file to write")
    parser.add_argument("--check", action="store_true", help="fail if the output file is not up to date")
    args = parser.parse_args()

    text, models, duplicates = build(args.source)
    if args.check:
        with open(args.output, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{args.output} is out of date: run tools/catalog/build_catalog.py", file=sys.stderr)
                return 1
        print(f"{args.output} is up to date ({len(models)} models)")
        return 0

    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {len(models)} models, {len(text.encode('utf-8')):,} bytes to {args.output}")
    for key in duplicates:
        print(f"skipped {key!r}: same data as a key differing only in case", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
