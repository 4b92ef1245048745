// samples/dashboard-queries.graphql is the dashboard's operations as a file people can open in a GraphQL client.
// It is written from ALL_OPERATIONS, so it cannot drift: run with UPDATE_SAMPLES=1 to write it after changing one.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { ALL_OPERATIONS } from "./operations";

const samplePath = resolve(__dirname, "../../../samples/dashboard-queries.graphql");

const header = `# Every query, mutation and subscription the dashboard sends to the Query service's POST /graphql
# (subscriptions: Accept: text/event-stream). Send \`Authorization: Bearer <API key>\`.
# Written from dashboard/src/api/operations.ts by its sampleQueries test; do not edit by hand.
`;

function sample(): string {
  const operations = Object.values(ALL_OPERATIONS).map((operation) => print(parse(operation)));
  return header + "\n" + operations.join("\n\n") + "\n";
}

describe("samples/dashboard-queries.graphql", () => {
  it("holds every operation the dashboard sends", () => {
    const expected = sample();
    if (process.env.UPDATE_SAMPLES === "1") {
      writeFileSync(samplePath, expected);
    }
    expect(readFileSync(samplePath, "utf8")).toBe(expected);
  });
});
