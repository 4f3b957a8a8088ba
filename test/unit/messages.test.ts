import { isStructurallySame, parse } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";

// The two message files are one vocabulary in two languages: every screen and e-mail reads the
// same keys in both, so a key missing from one, or a placeholder named or typed differently
// ({count, plural} in one, {n} in the other), is a message that breaks in one language only.

type Messages = { [key: string]: string | Messages };

/** "mail.receipt.subject" → message, for every leaf; a leaf that is not a string is reported. */
function flatten(messages: Messages, prefix = ""): Map<string, string> {
  const leaves = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") leaves.set(path, value);
    else if (value && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of flatten(value, path)) leaves.set(k, v);
    else leaves.set(path, `not a message: ${JSON.stringify(value)}`);
  }
  return leaves;
}

const files = { en: flatten(en), es: flatten(es) };

describe("message files", () => {
  it("have exactly the same keys in en.json and es.json", () => {
    const missingInEs = [...files.en.keys()].filter((key) => !files.es.has(key));
    const missingInEn = [...files.es.keys()].filter((key) => !files.en.has(key));
    expect({ missingInEs, missingInEn }).toEqual({ missingInEs: [], missingInEn: [] });
  });

  it("hold only valid ICU messages", () => {
    const invalid: string[] = [];
    for (const [locale, messages] of Object.entries(files)) {
      for (const [key, message] of messages) {
        try {
          parse(message);
        } catch (error) {
          invalid.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(invalid).toEqual([]);
  });

  it("use the same placeholders, of the same kind, under each key", () => {
    const mismatched: string[] = [];
    for (const [key, message] of files.en) {
      const translation = files.es.get(key);
      if (translation === undefined) continue;
      let same: ReturnType<typeof isStructurallySame>;
      try {
        same = isStructurallySame(parse(message), parse(translation));
      } catch {
        continue; // not ICU at all: the test above names it
      }
      if (!same.success) mismatched.push(`${key}: ${same.error?.message}`);
    }
    expect(mismatched).toEqual([]);
  });

  it("notices a missing key and a renamed or retyped placeholder", () => {
    // The checks above on files built to fail, so they cannot pass by checking nothing.
    const a = flatten({ mail: { subject: "Receipt: {amount}", count: "{n, plural, one {# call} other {# calls}}" } });
    const b = flatten({ mail: { subject: "Recibo: {importe}" } });
    expect([...a.keys()].filter((key) => !b.has(key))).toEqual(["mail.count"]);
    expect(isStructurallySame(parse(a.get("mail.subject")!), parse(b.get("mail.subject")!)).success).toBe(false);
    expect(isStructurallySame(parse("{n, plural, other {#}}"), parse("{n}")).success).toBe(false);
    expect(isStructurallySame(parse("{kind, select, A {a} other {b}} {x}"), parse("{x} {kind, select, A {á} other {b}}")).success).toBe(true);
  });
});
