/**
 * The host application's calls succeed while Ingestion is down, and the buffered records arrive once it is back. Needs an
 * orchestrator (tests/TypeScriptSdk.Tests): it starts Ingestion at INGESTION_OUTAGE_URL only after this test prints the
 * marker, so nothing can have been delivered before.
 */

import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Tracker } from "../../src/index.js";
import { gpt4oSnapshot, startStubProvider, type StubProvider } from "../support/stubProvider.js";
import { deliveryTimeoutMs, ingestKey, outageMarker, outageRecords, outageUrl, requestId } from "./runningIngestion.js";

let provider: StubProvider;
beforeAll(async () => {
  provider = await startStubProvider();
});
afterAll(() => provider.close());

it("lets calls succeed during the outage and delivers their records after it", async () => {
  // Short backoff so the records go soon after the service is back; production defaults wait up to 30 s.
  const tracker = new Tracker({ ingestionUrl: outageUrl(), ingestKey: ingestKey(), labels: { feature: "outage" }, sender: { lingerMs: 50, initialBackoffMs: 100, maxBackoffMs: 1000 } });
  try {
    const openai = new OpenAI({ apiKey: "sk-test", baseURL: `${provider.url}/v1`, maxRetries: 0 });
    for (let i = 0; i < outageRecords; i++) {
      const completion = await tracker.wrap(openai, { requestId: requestId(`outage-${i}`) }).chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });

      expect(completion.model).toBe(gpt4oSnapshot);
    }

    // Nothing is settled while the service is down: not delivered, and not lost either.
    expect(await tracker.flush(500), "records were settled while Ingestion was down").toBe(false);
    expect(tracker.stats()).toEqual({ delivered: 0, rejected: 0, dropped: 0, pending: outageRecords });

    console.log(outageMarker);

    expect(await tracker.flush(deliveryTimeoutMs), `not delivered after Ingestion returned: ${JSON.stringify(tracker.stats())}`).toBe(true);
    expect(tracker.stats()).toEqual({ delivered: outageRecords, rejected: 0, dropped: 0, pending: 0 });
  } finally {
    await tracker.close(5000);
  }
});
