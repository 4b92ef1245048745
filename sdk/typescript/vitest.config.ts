import { defineConfig } from "vitest/config";

// Two suites: `unit` needs nothing running; `ingestion` needs a real Ingestion service (INGESTION_URL, INGEST_KEY,
// INGESTION_OUTAGE_URL), as tests/TypeScriptSdk.Tests starts it, and fails without one rather than skipping.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { test: { name: "ingestion", include: ["test/ingestion/**/*.test.ts"], testTimeout: 240_000 } },
    ],
  },
});
