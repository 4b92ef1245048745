import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { ALL_OPERATIONS } from "./operations";
import sdl from "./schema.graphql?raw";

const schema = buildSchema(sdl);

describe("operations against schema.graphql", () => {
  it.each(Object.entries(ALL_OPERATIONS))("%s is valid", (_name, operation) => {
    const errors = validate(schema, parse(operation));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it("a field the schema lacks fails validation", () => {
    const errors = validate(schema, parse("{ overview { totalCostUsd noSuchField } }"));
    expect(errors.length).toBeGreaterThan(0);
  });
});
