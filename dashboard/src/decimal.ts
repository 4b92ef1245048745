// Money travels as Decimal strings; it is formatted and divided here with BigInt so no float ever touches it.
// Long counts travel as JSON numbers (exact up to 2^53, which counts never reach); both are accepted everywhere.

interface Fixed {
  negative: boolean;
  digits: bigint; // the absolute value × 10^scale
  scale: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

function parse(value: string | number): Fixed | null {
  const match = DECIMAL.exec(String(value).trim());
  if (!match) return null;
  const fraction = match[3] ?? "";
  return { negative: match[1] === "-", digits: BigInt(match[2] + fraction), scale: fraction.length };
}

/** value rounded half away from zero to `places` decimals, as an integer × 10^places. */
function roundTo(fixed: Fixed, places: number): bigint {
  if (fixed.scale <= places) return fixed.digits * 10n ** BigInt(places - fixed.scale);
  const divisor = 10n ** BigInt(fixed.scale - places);
  const quotient = fixed.digits / divisor;
  return (fixed.digits % divisor) * 2n >= divisor ? quotient + 1n : quotient;
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function render(negative: boolean, scaled: bigint, places: number): string {
  const text = scaled.toString().padStart(places + 1, "0");
  const integer = group(text.slice(0, text.length - places));
  const fraction = places > 0 ? "." + text.slice(text.length - places) : "";
  return (negative && scaled !== 0n ? "-" : "") + integer + fraction;
}

/** A plain decimal string with `places` decimals and thousands separators, e.g. "1,234.57". */
export function formatDecimal(value: string | number | null | undefined, places = 2): string {
  if (value == null) return "—";
  const fixed = parse(value);
  if (!fixed) return String(value);
  return render(fixed.negative, roundTo(fixed, places), places);
}

/**
 * USD from a Decimal string, rounded half away from zero to the cent: "1234.565" → "$1,234.57".
 * Amounts under a cent that are not zero keep four decimals ("$0.0042"), so a cheap call does not read as free.
 */
export function formatUsd(value: string | number | null | undefined): string {
  if (value == null) return "—";
  const fixed = parse(value);
  if (!fixed) return String(value);
  const cents = roundTo(fixed, 2);
  const sign = fixed.negative && fixed.digits !== 0n ? "-" : "";
  if (cents === 0n && fixed.digits !== 0n) return sign + "$" + render(false, roundTo(fixed, 4), 4);
  return sign + "$" + render(false, cents, 2);
}

/**
 * USD to `places` decimals (half away from zero), for comparing small amounts where cents would hide the difference:
 * "-0.0005" → "-$0.000500".
 */
export function formatUsdExact(value: string | number | null | undefined, places = 6): string {
  if (value == null) return "—";
  const fixed = parse(value);
  if (!fixed) return String(value);
  const scaled = roundTo(fixed, places);
  return (fixed.negative && scaled !== 0n ? "-" : "") + "$" + render(false, scaled, places);
}

/** A signed percentage from a Decimal string: "12.345" → "+12.3%"; null → "—". */
export function formatPercentChange(value: string | null | undefined): string {
  if (value == null) return "—";
  const fixed = parse(value);
  if (!fixed) return String(value);
  const scaled = roundTo(fixed, 1);
  const sign = scaled === 0n ? "" : fixed.negative ? "-" : "+";
  return sign + render(false, scaled, 1) + "%";
}

/** A percentage that arrives as one (a Decimal string, e.g. a margin): "56.95" → "56.95%"; null → "—". */
export function formatPercent(value: string | null | undefined, places = 2): string {
  return value == null ? "—" : formatDecimal(value, places) + "%";
}

/** A share 0–1 (number or Decimal string) as a percentage, e.g. 0.9951 → "99.5%". */
export function formatShare(value: number | string | null | undefined, places = 1): string {
  if (value == null) return "—";
  const fixed = parse(typeof value === "number" ? value.toFixed(places + 6) : value);
  if (!fixed) return String(value);
  // × 100 is moving the decimal point two places.
  const percent: Fixed =
    fixed.scale >= 2
      ? { ...fixed, scale: fixed.scale - 2 }
      : { ...fixed, digits: fixed.digits * 10n ** BigInt(2 - fixed.scale), scale: 0 };
  return render(fixed.negative, roundTo(percent, places), places) + "%";
}

/** A Long (a JSON string) with thousands separators; exact beyond 2^53. */
export function formatLong(value: string | number | null | undefined): string {
  if (value == null) return "—";
  const text = String(value);
  return /^-?\d+$/.test(text) ? (text.startsWith("-") ? "-" + group(text.slice(1)) : group(text)) : text;
}

/** numerator ÷ denominator × factor as a Decimal string with `places` decimals; null when the denominator is 0. */
export function divideDecimal(numerator: string | number, denominator: string | number, factor = 1n, places = 6): string | null {
  const a = parse(numerator);
  const b = parse(denominator);
  if (!a || !b || b.digits === 0n) return null;
  // (a.d / 10^a.s) / (b.d / 10^b.s) × factor, scaled by 10^(places + 1) to round once.
  const scaleUp = 10n ** BigInt(places + 1 + b.scale);
  const raw = (a.digits * factor * scaleUp) / (b.digits * 10n ** BigInt(a.scale));
  const rounded = (raw + 5n) / 10n;
  const text = rounded.toString().padStart(places + 1, "0");
  const negative = a.negative !== b.negative && rounded !== 0n;
  return (negative ? "-" : "") + text.slice(0, text.length - places) + (places > 0 ? "." + text.slice(text.length - places) : "");
}

/** For charts only: a Decimal or Long string as a float. Never used for a figure shown as text. */
export function toNumber(value: string | number | null | undefined): number {
  if (value == null) return 0;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** Milliseconds as "812 ms" or "1.24 s". */
export function formatMs(value: number | null | undefined): string {
  if (value == null) return "—";
  return value >= 1000 ? (value / 1000).toFixed(2) + " s" : Math.round(value).toLocaleString("en-US") + " ms";
}

/** Orders two Decimal strings exactly (negative, zero or positive, as a sort comparator wants). */
export function compareDecimal(a: string | number, b: string | number): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return 0;
  const scale = Math.max(x.scale, y.scale);
  const signed = (f: Fixed) => (f.negative ? -1n : 1n) * f.digits * 10n ** BigInt(scale - f.scale);
  const difference = signed(x) - signed(y);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}
