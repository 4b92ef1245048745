/**
 * A program that records one call and ends at once, long before the sender's linger would have sent it; on exit it
 * prints what became of the record. URL and key come from TOKENOPTIMIZER_URL / TOKENOPTIMIZER_INGEST_KEY.
 */

import { Tracker } from "../../src/index.js";

const tracker = new Tracker({ labels: { environment: "sdk-tests" }, sender: { lingerMs: 60_000 } });
tracker.track({ model: "gpt-4o-mini", usage: { prompt_tokens: 64, completion_tokens: 8 } }, { feature: "at-exit", requestId: process.env.AT_EXIT_REQUEST_ID });
process.on("exit", () => console.log(JSON.stringify(tracker.stats())));
