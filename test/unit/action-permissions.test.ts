// Which permission each workspace action declares (lib/auth/roles.ts decides what that means
// for a role and for a staff member viewing the workspace: test/integration/impersonation.test.ts),
// and that every one of them hands its audit context to the change it makes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/auth/roles";

const DIR = path.resolve(import.meta.dirname, "../../lib/actions");

/** Refused while viewing: money (viewing_refuses_money) and lasting access (viewing_refuses_access). */
const EXPECTED: Record<string, string> = {
  "start-card-setup.ts": "moveMoney",
  "confirm-test-card.ts": "moveMoney",
  "complete-card-setup.ts": "moveMoney",
  "set-default-card.ts": "moveMoney",
  "remove-card.ts": "moveMoney",
  "start-top-up.ts": "moveMoney",
  "refresh-payment.ts": "moveMoney",
  "save-auto-recharge.ts": "moveMoney",
  "create-api-key.ts": "grantAccess",
  // The first action of the file: inviting (grantAccess); its revoke, role and remove actions
  // are manageWorkspace (lib/actions/members.ts says why).
  "members.ts": "grantAccess",
  // Allowed while viewing, and audited.
  "whatsapp-api.ts": "manageSettings",
  "set-onboarding-dismissed.ts": "manageSettings",
  "update-billing-settings.ts": "manageSettings",
  "set-whatsapp-calling.ts": "manageSettings",
  "revoke-api-key.ts": "manageWorkspace",
};

/** Actions that change nothing (they read, or only prepare a change the next action makes). */
const NOTHING_TO_AUDIT = new Set(["start-card-setup.ts", "refresh-payment.ts"]);

function declared() {
  return Object.fromEntries(
    readdirSync(DIR)
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => {
        const source = readFileSync(path.join(DIR, file), "utf8");
        const match = source.match(/workspaceAction\(\s*"(\w+)"/);
        return match ? [[file, { permission: match[1], source }]] : [];
      }),
  );
}

describe("workspace actions", () => {
  it("declare the permission this table expects (money actions: moveMoney)", () => {
    const actions = declared();
    expect(Object.fromEntries(Object.entries(actions).map(([file, { permission }]) => [file, permission]))).toEqual(EXPECTED);
    for (const { permission } of Object.values(actions)) expect(Object.keys(PERMISSIONS)).toContain(permission);
  });

  it("pass context.audit to the change they make", () => {
    for (const [file, { source }] of Object.entries(declared())) {
      if (NOTHING_TO_AUDIT.has(file)) continue;
      expect(source, file).toMatch(/\baudit\b[^\n]*\)/);
    }
  });

  it("the money ones are exactly those refused while viewing", () => {
    const refused = Object.entries(PERMISSIONS).filter(([, rule]) => !rule.whileViewing).map(([name]) => name);
    expect(refused.sort()).toEqual(["grantAccess", "moveMoney"]);
  });
});
