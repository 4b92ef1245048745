#!/usr/bin/env python3
"""Builds libs/Catalog/Data/model-prices.json from LiteLLM's model cost map and Langfuse's default prices.

Usage (from the repository root):
    python3 tools/catalog/build_catalog.py [SOURCE_JSON] [--langfuse PATH] [--output PATH] [--check]

SOURCE_JSON defaults to ../shared/data/litellm-model-prices.json and --langfuse to
../shared/data/langfuse-default-model-prices.json. With --check the script rebuilds the
catalog in memory and fails if the file on disk differs, so CI can prove the shipped file
is exactly what this script makes from the sources.

Where both sources know a model, LiteLLM's price is the catalog's: its file prices each
provider's variant of a model under its own key (Bedrock, Vertex, Azure, each as billed)
and states the tiers the cost calculator applies (above 200k tokens, batch/flex/priority,
one-hour cache writes), while Langfuse maps the variants by regex onto one price and lacks
some of those tiers. Langfuse's price is kept beside it, under "otherSources", where the
standard rates differ, so a reader sees the disagreement. A Langfuse model that no LiteLLM
key matches (Langfuse's snapshot is six months newer) becomes an entry of its own.

Prices are parsed as decimal.Decimal straight from the JSON text and written as
plain decimal strings, so no value ever passes through a binary float.
"""

import argparse
import decimal
import hashlib
import json
import os
import re
import sys

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_SOURCE = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data", "litellm-model-prices.json"))
DEFAULT_LANGFUSE = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data", "langfuse-default-model-prices.json"))
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
LITELLM = "litellm"

LANGFUSE_SOURCE = {
    "repository": "https://github.com/langfuse/langfuse",
    "path": "worker/src/constants/default-model-prices.json",
    "commit": "62751446149b702b419a9292ddfc2280cdf74b8c",
    "date": "2026-08-22T08:21:47+00:00",
    "licence": "MIT",
    "copyright": "Copyright (c) 2023-2026 ClickHouse, Inc.",
}
LANGFUSE_VERSION_PREFIX = "langfuse@" + LANGFUSE_SOURCE["commit"][:8]
LANGFUSE = "langfuse"

# Our rate -> Langfuse usage keys that carry it, first found wins (Langfuse prices synonyms alike).
LANGFUSE_RATES = {
    "input": ("input", "input_tokens"),
    "output": ("output", "output_tokens"),
    "cacheRead": ("input_cached_tokens", "input_cache_read", "cache_read_input_tokens"),
    "cacheWrite": ("input_cache_creation_5m", "input_cache_creation", "cache_creation_input_tokens"),
    "cacheWriteOneHour": ("input_cache_creation_1h",),
    "reasoning": ("output_reasoning_tokens", "output_reasoning", "reasoning_tokens"),
}
# Langfuse tiers chosen by the request's service tier alone map onto ours. Its other tiers are not carried: "Large
# Context (>272K)" has no threshold of ours, and Anthropic's "Fast mode" (speed=fast) no field in the usage contract.
LANGFUSE_SERVICE_TIERS = {"flex": "flex", "priority": "priority"}
# Langfuse states no provider; its patterns' optional prefix, else its tokenizer, says whose model it is.
LANGFUSE_PROVIDERS = (("anthropic", "anthropic"), ("openai", "openai"), ("google", "gemini"))
LANGFUSE_TOKENIZERS = {"claude": "anthropic", "openai": "openai"}

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
    price = {"effectiveFrom": SNAPSHOT_EFFECTIVE_FROM, "version": f"{VERSION_PREFIX}:{key}", "source": LITELLM}
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


def langfuse_rates(name, prices):
    result = {}
    for ours, keys in LANGFUSE_RATES.items():
        for key in keys:
            if prices.get(key) is not None:
                # Langfuse writes some rates with trailing zeros (1.0e-05): the same value, written the shortest way.
                result[ours] = price_text(name, key, decimal.Decimal(prices[key]).normalize())
                break
    return result


def langfuse_service_tier(tier):
    conditions = tier.get("conditions") or []
    if len(conditions) != 1:
        return None
    condition = conditions[0]
    if condition.get("source") != "model_parameters" or condition.get("key") != "service_tier" or condition.get("operator") != "in":
        return None
    values = condition.get("values") or []
    return next((ours for theirs, ours in LANGFUSE_SERVICE_TIERS.items() if theirs in values), None)


def langfuse_price(model):
    name = model["modelName"]
    tiers = model["pricingTiers"]
    default = next(t for t in tiers if t["isDefault"])
    price = {"effectiveFrom": SNAPSHOT_EFFECTIVE_FROM, "version": f"{LANGFUSE_VERSION_PREFIX}:{name}", "source": LANGFUSE}
    price.update(langfuse_rates(name, default["prices"]))
    for tier in sorted((t for t in tiers if not t["isDefault"]), key=lambda t: t["priority"]):
        ours = langfuse_service_tier(tier)
        if ours is not None and ours not in price:
            price[ours] = langfuse_rates(name, tier["prices"])
    return price


def langfuse_provider(model):
    # The optional prefix group right after ^: ^(anthropic/)?…, ^((anthropic\/)?claude-…, ^(google(ai)?/)?…
    prefix = re.match(r"(?:\(\?i\))?\^\(+([a-z]+)", model["matchPattern"].lower())
    for word, provider in LANGFUSE_PROVIDERS:
        if prefix and prefix.group(1) == word:
            return provider
    return LANGFUSE_TOKENIZERS.get(model.get("tokenizerId"))


def langfuse_pattern(model):
    pattern = model["matchPattern"]
    flags = 0
    if pattern.startswith("(?i)"):
        pattern, flags = pattern[4:], re.IGNORECASE
    return re.compile(pattern, flags)


def merge_langfuse(models, langfuse_path):
    """Adds Langfuse's models that no LiteLLM key matches; notes its price on those it matches where the two differ."""
    with open(langfuse_path, "rb") as f:
        raw = f.read()
    langfuse = json.loads(raw, parse_float=decimal.Decimal)
    by_key = {m["key"].lower(): m for m in models}
    added, unattributed = [], []
    for entry in langfuse:
        price = langfuse_price(entry)
        if "input" not in price and "output" not in price:
            continue  # priced per request or not at all
        pattern = langfuse_pattern(entry)
        # A LiteLLM key of the same name is the same model even where the pattern matches whole ids only (ft:…).
        name = entry["modelName"]
        matched = [m for m in models if pattern.fullmatch(m["key"]) or m["key"].lower() == name.lower()]
        for model in matched:
            ours = {k: v for k, v in model["prices"][0].items() if k in LANGFUSE_RATES}
            theirs = {k: v for k, v in price.items() if k in LANGFUSE_RATES}
            if effective(ours) != effective(theirs):
                other = {"source": LANGFUSE, "version": price["version"]}
                other.update(theirs)
                model.setdefault("otherSources", []).append(other)
        if matched:
            continue
        provider = langfuse_provider(entry)
        if provider is None:
            if name.startswith("text-bison"):
                provider = "vertex_ai"  # PaLM 2 is served by Vertex AI alone
            else:
                unattributed.append(name)
                continue
        model = {"key": name, "provider": provider, "prices": [price]}
        by_key[name.lower()] = model
        added.append(model)
    source = dict(LANGFUSE_SOURCE)
    source["sha256"] = hashlib.sha256(raw).hexdigest()
    return source, added, unattributed


def effective(rates):
    """The rates a call is billed at, each missing one filled in as the cost calculator falls back."""
    value = {k: decimal.Decimal(v) for k, v in rates.items()}
    value.setdefault("cacheRead", value.get("input"))
    value.setdefault("cacheWrite", value.get("input"))
    value.setdefault("cacheWriteOneHour", value.get("cacheWrite"))
    value.setdefault("reasoning", value.get("output"))
    return value


def build(source_path, langfuse_path):
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
    langfuse_source, added, unattributed = merge_langfuse(models, langfuse_path)
    if unattributed:
        raise ValueError(f"Langfuse models of no known provider: {unattributed}")
    models.extend(added)
    return render({LITELLM: source, LANGFUSE: langfuse_source}, models), models, skipped_duplicates


def strip_key(model):
    copy = json.loads(json.dumps(model))
    copy.pop("key")
    copy.pop("otherSources", None)
    for price in copy["prices"]:
        price.pop("version")
    return copy


def render(sources, models):
    # One model per line: small diffs when a source changes, still valid JSON.
    def dump(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{", f'"sources":{dump(sources)},', '"models":[']
    lines.extend(dump(model) + ("," if i < len(models) - 1 else "") for i, model in enumerate(models))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", nargs="?", default=DEFAULT_SOURCE, help="LiteLLM model_prices_and_context_window.json")
    parser.add_argument("--langfuse", default=DEFAULT_LANGFUSE, help="Langfuse default-model-prices.json")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="catalog file to write")
    parser.add_argument("--check", action="store_true", help="fail if the output file is not up to date")
    args = parser.parse_args()

    text, models, duplicates = build(args.source, args.langfuse)
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
