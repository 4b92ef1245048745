"""What tracking adds to each LLM call in the caller's thread: tracked_completion around a call that returns at
once, against the same call bare, while the sender retries an Ingestion URL where nothing listens (its busiest
state). Writes bench/results/python-sdk-overhead.json.

    python3 bench/PythonSdkOverhead/overhead.py [CALLS]
"""

import json
import os
import socket
import statistics
import sys
import time
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "sdk", "python"))

from tokenoptimizer import SenderOptions, Tracker  # noqa: E402

RESPONSE = {
    "model": "gpt-4o",
    "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "prompt_tokens_details": {"cached_tokens": 1024},
              "completion_tokens_details": {"reasoning_tokens": 0}},
}


def unused_url():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return "http://127.0.0.1:%d" % probe.getsockname()[1]


def timings_us(call, count):
    clock = time.perf_counter_ns
    samples = []
    for _ in range(count):
        started = clock()
        call()
        samples.append((clock() - started) / 1000)
    return samples


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def machine():
    with open("/proc/meminfo") as meminfo:
        kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    return "%d cores, %.1f GiB, Python %d.%d.%d" % ((os.cpu_count(), kib / 1024 / 1024) + tuple(sys.version_info[:3]))


def main():
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    load_before = os.getloadavg()[0]
    tracker = Tracker(unused_url(), "tok_bench", feature="bench", options=SenderOptions(max_buffered=calls + 1))
    try:
        bare = timings_us(lambda: RESPONSE, calls)
        tracked = timings_us(lambda: tracker.tracked_completion(lambda: RESPONSE, team="bench"), calls)
        stats = tracker.stats()
    finally:
        tracker.close(timeout=0)
    if stats.dropped or stats.pending != calls:
        raise SystemExit("expected every record buffered, got %s" % (stats,))

    result = {
        "calls": calls,
        "bare_call_p50_us": round(percentile(bare, 0.50), 2),
        "tracked_call_p50_us": round(percentile(tracked, 0.50), 2),
        "tracked_call_p99_us": round(percentile(tracked, 0.99), 2),
        "tracked_call_mean_us": round(statistics.fmean(tracked), 2),
        "overhead_p50_us": round(percentile(tracked, 0.50) - percentile(bare, 0.50), 2),
        "load_average_1m_before_run": round(load_before, 2),
        "machine": machine(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    path = os.path.join(ROOT, "bench", "results", "python-sdk-overhead.json")
    with open(path, "w") as out:
        json.dump(result, out, indent=2)
        out.write("\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
