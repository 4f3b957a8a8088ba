import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorkspaceSchema } from "@/lib/workspaces/schema";
import { RESERVED_SLUGS, slugify } from "@/lib/workspaces/slug";

// The rule a slug typed by hand must follow; a derived one must follow it too.
const slugRule = createWorkspaceSchema.shape.slug.unwrap();

describe("slugify", () => {
  it.each([
    ["Acme Inc", "acme-inc"],
    ["  Tienda   Sol  ", "tienda-sol"],
    ["Café Ñandú", "cafe-nandu"],
    ["Mumbai Traders Pvt. Ltd.", "mumbai-traders-pvt-ltd"],
    ["ACME---2026!!", "acme-2026"],
    ["São Paulo & Co", "sao-paulo-co"],
    // Names too short to be an address are padded.
    ["A", "workspace-a"],
    ["ab", "workspace-ab"],
    ["abc", "abc"],
    ["", "workspace-new"],
    ["!!!", "workspace-new"],
    ["東京", "workspace-new"],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("cuts long names at 40 characters without leaving a dash at the end", () => {
    const slug = slugify(`${"a".repeat(39)} b c d e f`);
    expect(slug).toBe("a".repeat(39));
    expect(slugify("x".repeat(100))).toHaveLength(40);
  });

  it("always produces a slug the hand-typed rule accepts, with room for a -N suffix", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (name) => {
        const slug = slugify(name);
        expect(slugRule.safeParse(slug).success).toBe(true);
        expect(slugRule.safeParse(`${slug}-99`).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the app's own paths out of reach", () => {
    for (const path of ["api", "login", "signup", "support", "settings", "admin", "onboarding"]) {
      expect(RESERVED_SLUGS.has(path)).toBe(true);
    }
  });
});
