// Hostile input, generated (issue 13, item 2): the fast-check arbitraries and the seed, with no
// test runner or database behind them, so Vitest (test/helpers/hostile.ts) and Playwright
// (e2e/action-input.spec.ts) drive their boundaries with the same values.
import fc from "fast-check";

// ───────────────────────────── seed and runs ─────────────────────────────

/**
 * One seed per test run, printed by every file that uses it (`announceSeed`): a failure repeats
 * with HOSTILE_SEED=<seed>. fast-check also prints the seed and the path of a failing case,
 * shrunk to the smallest input that still fails.
 */
export const HOSTILE_SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Math.floor(Math.random() * 2 ** 31);

/** HOSTILE_SCALE=N runs N times the cases of every property (the long form; CI runs 1). */
const HOSTILE_SCALE = process.env.HOSTILE_SCALE ? Math.max(1, Number(process.env.HOSTILE_SCALE)) : 1;

/** A hostile property's time limit: ten minutes per scale step (a CI run takes well under one). */
export const HOSTILE_TIMEOUT_MS = 600_000 * HOSTILE_SCALE;

export function announceSeed(what: string, cases: number) {
  const scaled = cases * HOSTILE_SCALE;
  console.info(`[hostile] ${what}: ${scaled.toLocaleString("en")} cases, seed ${HOSTILE_SEED} (repeat with HOSTILE_SEED=${HOSTILE_SEED}${HOSTILE_SCALE > 1 ? ` HOSTILE_SCALE=${HOSTILE_SCALE}` : ""})`);
}

/** Answers by status, printed after a run: a generator that only ever gets 400s tests little. */
export class StatusTally {
  private readonly counts = new Map<string, number>();
  add(label: string | number) {
    this.counts.set(String(label), (this.counts.get(String(label)) ?? 0) + 1);
  }
  print(what: string) {
    const parts = [...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, n]) => `${label}×${n}`);
    console.info(`[hostile] ${what} answered: ${parts.join(", ")}`);
  }
}

export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: HOSTILE_SEED, numRuns: numRuns * HOSTILE_SCALE, endOnFailure: true };
}

// ───────────────────────────── values ─────────────────────────────

/** Characters and fragments that break careless text handling. */
export const TRICKY_TEXT = [
  "\u0000", // PostgreSQL text refuses it
  "\ud800", "\udbff", "\udc00", "\udfff", // lone surrogates: no UTF-8 encoding
  "\ufeff", "\ufffe", "\uffff", "\u200b", "\u200d", "\u202e", "\u2028", "\u2029", "\u0085", "\u001f", "\u007f",
  "\t", "\n", "\r", "\r\n", '"', "\\", "'", "`", "%", "%00", "%u0000", "${x}", "{{x}}", "<script>", "'; DROP TABLE x; --",
  "😀", "👩‍👩‍👧", "e\u0301", "ß", "İ", "ﬁ", "Ａ", "\u{10ffff}", "ǅ", "…", "ـ", "𝟘",
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "null", "undefined", "true", "NaN", "-0", "1e999",
] as const;

/** Strings around the limits a schema may have (VARCHAR 128, 255 …), in 1- and 2-unit characters. */
const lengthEdges = fc
  .tuple(fc.constantFrom(0, 1, 64, 127, 128, 129, 200, 201, 254, 255, 256, 300, 1000), fc.constantFrom("a", "é", "😀", "\u0000", " "))
  .map(([length, unit]) => unit.repeat(unit.length === 2 ? Math.ceil(length / 2) : length));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(...TRICKY_TEXT), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 8 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: lengthEdges },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "   ", "\t\n", "\u00a0") },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
);

/** Numbers at and past the boundaries, fractions, huge and tiny values, and numbers written as text. */
export const hostileNumber: fc.Arbitrary<number | string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(0, -0, 1, -1, 0.5, 1.5, 0.1 + 0.2, 1e-7, 59, 60, 61, 999, 1000, 1001, 9999, 10_000, 10_001, 86_399, 86_400, 86_401, 2 ** 31 - 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE),
  },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom("1", "60", "1.0", "1e3", "0x10", " 5 ", "", "Infinity", "NaN", "-0", "١") },
);

/** Timestamps: invalid, extreme, zone-less, the windows' edges (35 days back, 5 minutes ahead), and non-strings. */
export const hostileTimestamp: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
      "9999-12-31T23:00:00-14:00", "+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z", "+010000-01-01T00:00:00Z",
      "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-31T23:59:60Z", "2026-12-01T00:00:00",
      "2026-12-01", "2026-12-01T00:00:00+99:99", "2026-12-01T00:00:00+14:01", "2026-12-01T00:00:00.123456789Z", "2026-12-01t00:00:00z",
      "2026-12-01 00:00:00Z", "2026-W48-1T00:00:00Z", "now", "", "NaN", "Invalid Date", "2026-12-01T00:00:00Z\u0000",
    ),
  },
  { weight: 3, arbitrary: fc.integer({ min: -40 * 86_400, max: 3_600 }).map((seconds) => new Date(Date.now() + seconds * 1000).toISOString()) },
  { weight: 2, arbitrary: fc.integer({ min: -12 * 60, max: 14 * 60 }).map((minutes) => withOffset(new Date(Date.now() - 3_600_000), minutes)) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(Date.now()), fc.constant(null), fc.constant({}), fc.constant([])) },
);

/** An instant written with a UTC offset of `minutes` (+05:30, -12:00…). */
function withOffset(date: Date, minutes: number): string {
  const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 19);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Nested `depth` levels deep, as a value (JSON.parse builds the same from text). */
export function nested(depth: number, kind: "array" | "object"): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === "array" ? [value] : { a: value };
  return value;
}

/** Any JSON value of the wrong type for a field: scalars, containers, deep and wide ones. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [null], { "": "" }, { __proto__: null }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  // As values, JSON.stringify can still write them; deeper nesting is generated as text (rawJson).
  { weight: 1, arbitrary: fc.constantFrom(10, 100, 1_000).chain((depth) => fc.constantFrom(nested(depth, "array"), nested(depth, "object"))) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
);

/** A field's value, mostly hostile, now and then one of the valid values (so mutations combine). */
export function field(valid: readonly unknown[], extra: fc.Arbitrary<unknown>[] = []): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 3, arbitrary: hostileValue }, ...extra.map((arbitrary) => ({ weight: 2, arbitrary })));
}

/** Spellings that look like a valid enum value: other case, padding, NUL, lookalikes. */
export function nearMisses(values: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...values), fc.constantFrom((v: string) => v.toUpperCase(), (v: string) => ` ${v}`, (v: string) => `${v} `, (v: string) => `${v}\u0000`, (v: string) => v.replace(/_/g, "-"), (v: string) => v.slice(0, -1), (v: string) => `${v}s`, (v: string) => v.normalize("NFKD").replace("a", "а")))
    .map(([value, change]) => change(value));
}

/**
 * A valid object with 0–3 mutations: a field replaced by a hostile value, removed, or an unknown
 * field added (`__proto__` included). `fields` gives each field's values, hostile and valid.
 */
export function mutated<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(fields);
  const mutation = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...names).chain((name) => fields[name].map((value) => ({ op: "set" as const, name, value }))) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((name) => ({ op: "delete" as const, name, value: undefined })) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor", "Id", "extra")), hostileValue).map(([name, value]) => ({ op: "set" as const, name, value })) },
  );
  return fc.tuple(valid, fc.array(mutation, { maxLength: 3 })).map(([base, mutations]) => {
    const copy: Record<string, unknown> = { ...base };
    for (const { op, name, value } of mutations) {
      if (op === "delete") delete copy[name];
      // defineProperty: "__proto__" becomes an own key, as JSON.parse makes it.
      else Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });
}

// ───────────────────────────── raw bodies ─────────────────────────────

export type RawBody = { text: string | Uint8Array; note: string };

/**
 * The JSON text of `value`, sometimes spoiled the way real clients spoil it: a key repeated with
 * another value (JSON.parse keeps the last), a byte-order mark, trailing garbage, truncation,
 * an invalid escape, invalid UTF-8 bytes, or whitespace up to and past a size limit.
 */
export function rawJson(value: fc.Arbitrary<unknown>, options: { maxBytes: number }): fc.Arbitrary<RawBody> {
  const text = value.map((v) => JSON.stringify(v) ?? "null");
  return fc.oneof(
    { weight: 12, arbitrary: text.map((t) => ({ text: t, note: "json" })) },
    {
      weight: 3,
      arbitrary: fc.tuple(text, hostileValue).map(([t, extra]) => ({
        text: t.startsWith("{") && t.length > 2 ? t.replace(/^\{"([^"]+)":/, (_m, key) => `{"${key}":${JSON.stringify(extra) ?? "null"},"${key}":`) : t,
        note: "duplicate key",
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(text, fc.constantFrom("bom", "trailing", "truncated", "escape", "comment", "single quotes", "nan")).map(([t, spoil]) => ({
        text:
          spoil === "bom" ? `\ufeff${t}`
          : spoil === "trailing" ? `${t},`
          : spoil === "truncated" ? t.slice(0, Math.max(0, Math.floor(t.length / 2)))
          : spoil === "escape" ? t.replace(/"$|"(?=[,}\]])/, '\\x"')
          : spoil === "comment" ? `/* c */${t}`
          : spoil === "single quotes" ? t.replace(/"/g, "'")
          : t.replace(/\d+/, "NaN"),
        note: spoil,
      })),
    },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({ text: bytes, note: "binary" })) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "null", "[]", "{}", '""', "0", "true", "[{}]", '{"events":{}}').map((t) => ({ text: t, note: "small" })) },
    {
      weight: 1,
      arbitrary: fc.tuple(text, fc.constantFrom(-1, 0, 1, 1024)).map(([t, over]) => ({ text: padTo(t, options.maxBytes + over), note: `${options.maxBytes + over} bytes` })),
    },
    { weight: 1, arbitrary: fc.constantFrom(100_000, 400_000).map((depth) => ({ text: `${"[".repeat(depth)}${"]".repeat(depth)}`, note: `nested ${depth}` })) },
  );
}

/** `json` followed by spaces to exactly `bytes` bytes of UTF-8 (still the same JSON when it fits). */
function padTo(json: string, bytes: number): string {
  const size = Buffer.byteLength(json);
  return size >= bytes ? json : json + " ".repeat(bytes - size);
}

// ───────────────────────────── headers ─────────────────────────────

/** Content types a client sends instead of application/json (undefined: none at all). */
export const hostileContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  "application/json", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json; charset=utf-16", "text/plain",
  "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/octet-stream", "*/*", "json", "",
  undefined,
);

/**
 * Values a header can carry (HTTP allows Latin-1 and refuses NUL, CR and LF; fetch's Headers
 * trims the ends), from empty to past a 255-character limit.
 */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(..."abcAZ09-_.:/+= ,;\"'\\%ÿéñ\u0080\u00a0\t".split("")), maxLength: 40 }),
  fc.constantFrom(1, 254, 255, 256, 1_000, 8_000).map((n) => "k".repeat(n)),
  fc.constantFrom("", " ", "null", "undefined", "0", "-1", "ÿÿÿ", "a, b", "key\tkey"),
);

/** Authorization headers that must all be refused (401), whatever they look like. */
export function badAuthorization(validKey: string, revokedKey: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constantFrom(undefined, "", "Bearer", "Bearer ", `Basic ${btoa(`${validKey}:`)}`, validKey, `Bearer ${validKey}x`, `Bearer ${validKey.slice(0, -1)}`, `Bearer ${revokedKey}`, `Bearer ${validKey} ${validKey}`, `Token ${validKey}`, `Bearer sk_saldo_${"A".repeat(43)}`),
    hostileHeaderValue.map((value) => `Bearer ${value}`),
    hostileHeaderValue,
  );
}

/** Authorization headers that must be accepted for `validKey` (the scheme is case-insensitive, spaces are tolerated). */
export function goodAuthorization(validKey: string): fc.Arbitrary<string> {
  return fc.constantFrom(`Bearer ${validKey}`, `bearer ${validKey}`, `BEARER ${validKey}`, `Bearer  ${validKey}`, `Bearer\t${validKey}`);
}
