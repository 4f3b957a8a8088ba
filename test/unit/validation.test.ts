import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUnstorableText, isStorableText } from "@/lib/validation";

describe("findUnstorableText", () => {
  it("names the path of the first string PostgreSQL cannot store, keys included", () => {
    expect(findUnstorableText({ name: "Acme", email: "a@b.example" })).toBeNull();
    expect(findUnstorableText({ workspaceName: "Ac\u0000me" })).toBe("workspaceName");
    expect(findUnstorableText({ contact: { lines: ["ok", "\ud800"] } })).toBe("contact.lines.1");
    expect(findUnstorableText("\udfff")).toBe("");
    expect(findUnstorableText({ ["a\u0000"]: 1 })).toBe("_key");
    expect(findUnstorableText([1, true, null, undefined, 2n, { amount: 5 }])).toBeNull();
  });

  it("agrees with isStorableText on every string, alone or nested", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (text) => {
        const storable = isStorableText(text);
        expect(findUnstorableText(text) === null).toBe(storable);
        expect(findUnstorableText({ deep: [{ text }] }) === null).toBe(storable);
      }),
      { numRuns: 2000 },
    );
  });
});
