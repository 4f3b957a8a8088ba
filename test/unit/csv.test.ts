import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvNumber, csvRow } from "@/lib/csv";
import { formatAmount, MAX_MICROS, MIN_MICROS } from "@/lib/money";

const FORMULA_START = ["=", "+", "-", "@", "\t", "\r"];

/** What a spreadsheet reads from one RFC 4180 cell: the unquoted text. */
function readCell(cell: string): string {
  if (!cell.startsWith('"')) return cell;
  expect(cell.endsWith('"')).toBe(true);
  const inner = cell.slice(1, -1);
  expect(inner.replace(/""/g, "")).not.toContain('"');
  return inner.replace(/""/g, '"');
}

describe("csvField (OWASP CSV injection rule)", () => {
  it.each([
    ["-1+1+cmd|' /C calc'!A0", "'-1+1+cmd|' /C calc'!A0"],
    ["=HYPERLINK(\"http://x.example\",\"x\")", '"\'=HYPERLINK(""http://x.example"",""x"")"'],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "\"'\r=1+1\""],
    ["call-123", "call-123"],
    ["a,b", '"a,b"'],
    ["", ""],
  ])("text %j is written as %j", (text, cell) => {
    expect(csvField(text)).toBe(cell);
  });

  it("keeps numbers numeric, negative ones included", () => {
    expect(csvField(csvNumber(-1.5))).toBe("-1.5");
    expect(csvField(csvNumber(61))).toBe("61");
    expect(csvField(csvNumber(-3n))).toBe("-3");
    expect(csvField(csvNumber("-0.015000"))).toBe("-0.015000");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("writes a 'number' that is not a plain decimal as text, under the same rule", () => {
    expect(csvField(csvNumber("-1+1+cmd|' /C calc'!A0"))).toBe("'-1+1+cmd|' /C calc'!A0");
    expect(csvField(csvNumber(-Infinity))).toBe("'-Infinity");
    expect(csvField(csvNumber("=1"))).toBe("'=1");
  });

  it("no text cell ever reads back as starting with a formula character, and the text survives", () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.tuple(fc.constantFrom(...FORMULA_START), fc.string()).map(([a, b]) => a + b));
    fc.assert(
      fc.property(text, (value) => {
        const read = readCell(csvField(value));
        expect(FORMULA_START).not.toContain(read[0]);
        expect(read).toBe(FORMULA_START.includes(value[0]) ? `'${value}` : value);
      }),
      { numRuns: 2000 },
    );
  });

  it("writes every amount formatAmount can produce as the plain number", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: MIN_MICROS, max: MAX_MICROS }), (micros) => {
        expect(csvField(csvNumber(formatAmount(micros)))).toBe(formatAmount(micros));
      }),
    );
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(csvField(csvNumber(n))).toBe(String(n));
      }),
    );
  });

  it("joins a row, quoting only the cells that need it", () => {
    expect(csvRow(["2026-01-01T00:00:00.000Z", "=cmd", "sms", csvNumber(2), null, csvNumber("-0.010000"), 'say "hi", bye'])).toBe(
      `2026-01-01T00:00:00.000Z,'=cmd,sms,2,,-0.010000,"say ""hi"", bye"`,
    );
  });
});
