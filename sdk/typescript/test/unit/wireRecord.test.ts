import { describe, expect, it } from "vitest";
import { wire, type CallRecord } from "../../src/callRecord.js";
import { emptyUsage } from "../../src/usage.js";

const call: CallRecord = {
  labels: { feature: "support-chat", model: "prod-4o", provider: "azure" },
  usage: { ...emptyUsage("openai", "gpt-4o-2024-08-06"), inputTokens: 1200, cachedInputTokens: 1024, outputTokens: 300 },
  occurredAt: Date.UTC(2026, 11, 7, 12, 0, 0, 250),
  latencyMs: 812.34567,
  streaming: false,
};

describe("a record on the wire", () => {
  it("uses Ingestion's camelCase names, sends the requested and the served model side by side, and leaves out absent fields", () => {
    const record = wire(call);

    expect(record).toMatchObject({
      occurredAt: "2026-12-07T12:00:00.250Z",
      provider: "azure",
      model: "prod-4o",
      responseModel: "gpt-4o-2024-08-06",
      feature: "support-chat",
      inputTokens: 1200,
      cachedInputTokens: 1024,
      outputTokens: 300,
      latencyMs: 812.346,
      streaming: false,
      outcome: "succeeded",
    });
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const json = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
    expect(Object.keys(json)).not.toContain("errorType");
    expect(Object.keys(json)).not.toContain("tags");
  });

  it("names the model of the response when none was asked for, and 'unknown' when neither says", () => {
    expect(wire({ ...call, labels: {} }).model).toBe("gpt-4o-2024-08-06");
    expect(wire({ ...call, labels: {}, usage: emptyUsage("openai") }).model).toBe("unknown");
  });

  it("sends a reported cost with at most the ten decimal places Ingestion accepts", () => {
    // 1500 tokens at $0.03 per 1,000 = $0.045; a float computation leaves noise past the tenth place.
    expect(wire({ ...call, reportedCostUsd: (1500 / 1000) * 0.03 }).reportedCostUsd).toBe(0.045);
    expect(wire({ ...call, reportedCostUsd: 0.1 + 0.2 }).reportedCostUsd).toBe(0.3);
  });

  it("says how a failed call failed", () => {
    expect(wire({ ...call, failure: { errorType: "rate_limit", errorCode: "429" } })).toMatchObject({ outcome: "failed", errorType: "rate_limit", errorCode: "429" });
  });
});
