import { describe, expect, it } from "vitest";
import { divideDecimal, formatLong, formatPercent, formatPercentChange, formatShare, formatUsd, formatUsdExact } from "./decimal";

describe("formatUsd", () => {
  it.each([
    ["0", "$0.00"],
    ["1234567.005", "$1,234,567.01"],
    ["0.30000000000000004", "$0.30"],
    ["0.1", "$0.10"],
    ["-12.344", "-$12.34"],
    ["-12.345", "-$12.35"],
    ["99999999999999999.995", "$100,000,000,000,000,000.00"],
    ["0.00123456", "$0.0012"],
    ["0.00005", "$0.0001"],
  ])("%s → %s", (value, expected) => expect(formatUsd(value)).toBe(expected));

  it("null is a dash, never $0", () => expect(formatUsd(null)).toBe("—"));
});

describe("other formats", () => {
  it("Longs keep every digit beyond 2^53", () => expect(formatLong("9007199254740993")).toBe("9,007,199,254,740,993"));
  it("percent changes carry a sign", () => {
    expect(formatPercentChange("23.4567")).toBe("+23.5%");
    expect(formatPercentChange("-5")).toBe("-5.0%");
    expect(formatPercentChange(null)).toBe("—");
  });
  it("exact USD keeps the places cents would hide", () => {
    expect(formatUsdExact("-0.0005")).toBe("-$0.000500");
    expect(formatUsdExact("0.01949951")).toBe("$0.019500");
    expect(formatUsdExact("1234.5", 2)).toBe("$1,234.50");
    expect(formatUsdExact(null)).toBe("—");
  });
  it("percentages that arrive as one keep two places, unsigned", () => {
    expect(formatPercent("56.95")).toBe("56.95%");
    expect(formatPercent("57.5")).toBe("57.50%");
    expect(formatPercent("-12.345")).toBe("-12.35%");
    expect(formatPercent(null)).toBe("—");
  });
  it("shares are percentages", () => {
    expect(formatShare(0.98765, 2)).toBe("98.77%");
    expect(formatShare("0.5")).toBe("50.0%");
    expect(formatShare(1)).toBe("100.0%");
  });
  it("divides exactly", () => {
    expect(divideDecimal("1", "3", 1n, 6)).toBe("0.333333");
    expect(divideDecimal("2.5", "1000000", 1_000_000n, 6)).toBe("2.500000");
    expect(divideDecimal("1", "0")).toBeNull();
  });
});
