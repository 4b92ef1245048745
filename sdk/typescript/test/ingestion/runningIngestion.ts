/**
 * Where the real Ingestion service is, for the tests that deliver to it (set by tests/TypeScriptSdk.Tests, or by hand).
 *
 * INGESTION_URL, INGEST_KEY: a running Ingestion service and an ingest key for it.
 * INGESTION_OUTAGE_URL: where Ingestion is NOT running yet but will be started once the outage test prints OUTAGE_MARKER.
 * TOKENOPTIMIZER_TEST_RUN: prefix of the request ids sent, so the orchestrator finds them in the event log.
 */

import { randomUUID } from "node:crypto";

function required(name: string): string {
  const value = process.env[name];
  // Failing, not skipping: a suite that silently did nothing would pass.
  if (!value) throw new Error(`${name} is not set: the ingestion suite needs a running Ingestion service (dotnet test tests/TypeScriptSdk.Tests sets it).`);
  return value;
}

// Read when a test runs, not on import: listing the tests needs no service.
export const ingestionUrl = (): string => required("INGESTION_URL");
export const ingestKey = (): string => required("INGEST_KEY");
export const run = process.env.TOKENOPTIMIZER_TEST_RUN || randomUUID();
export const outageMarker = "TOKENOPTIMIZER-OUTAGE: records buffered, start Ingestion now";
export const outageRecords = 5;

/** Long enough for a service started after the marker on a loaded CI machine; flush returns as soon as it is done. */
export const deliveryTimeoutMs = 180_000;

export const outageUrl = (): string => required("INGESTION_OUTAGE_URL");

export function requestId(name: string): string {
  return `${run}-${name}`;
}
