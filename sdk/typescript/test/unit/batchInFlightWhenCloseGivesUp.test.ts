/**
 * Regression: close() that ran out of time counted only the buffered records as dropped, not the batch still waiting for
 * Ingestion's answer, so stats read right after close() showed them pending (and dropped only later).
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, it } from "vitest";
import { Tracker } from "../../src/index.js";

it("close counts a batch still waiting for a silent Ingestion as dropped, at once", async () => {
  const silent = createServer(() => {}); // takes the request and never answers
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const tracker = new Tracker({ ingestionUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, ingestKey: "tok_test" });
  try {
    for (let i = 0; i < 3; i++) tracker.trackEvent("gpt-4o-mini", 10);
    expect(await tracker.flush(100)).toBe(false);

    expect(await tracker.close(50)).toBe(false);
    expect(tracker.stats()).toEqual({ delivered: 0, rejected: 0, dropped: 3, pending: 0 });
  } finally {
    silent.closeAllConnections();
    silent.close();
  }
});
