// The wallet's status line and banner say what may start (lib/wallet/status.ts);
// the platform asks `authorize` (lib/usage/authorize.ts). They must never disagree: here every
// combination of paid balance, trial credit and WhatsApp calling is put to both.
import { describe, expect, it } from "vitest";
import type { OutboundState } from "@/lib/wallet/outbound";
import { walletStatus } from "@/lib/wallet/status";
import { db } from "@/lib/db";
import { authorizeUsage } from "@/lib/usage/authorize";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));

/** What the status line claims about each kind of outbound work. */
function claims(outbound: OutboundState, whatsappCallingEnabled: boolean) {
  return {
    sms: outbound === "all" || outbound === "messages" || outbound === "messages_whatsapp_trial",
    voice_call: outbound === "all",
    ai_voice: outbound === "all",
    // WhatsApp calling switched off refuses WhatsApp calls whatever the balance.
    whatsapp_call: (outbound === "all" && whatsappCallingEnabled) || outbound === "messages_whatsapp_trial" || outbound === "whatsapp_trial",
  };
}

describe("wallet status and authorize agree", () => {
  it("on every paid balance, trial credit and calling switch around the lines (R3, R5, R8)", async () => {
    const { workspace } = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    const plan = await db.currencyPlan.findUniqueOrThrow({ where: { currency: "USD" } });
    let cases = 0;
    for (const paid of [-5, -1, -0.5, 0, 0.01, 9.99, 10, 25]) {
      for (const trial of [0, 0.5, 1]) {
        for (const whatsappCallingEnabled of [true, false]) {
          // Balances set directly: only authorize reads them here, and it reads this one row.
          await db.wallet.update({ where: { workspaceId: workspace.id }, data: { paidBalance: usd(paid), trialBalance: usd(trial) } });
          await db.workspace.update({ where: { id: workspace.id }, data: { whatsappCallingEnabled } });
          const { outbound } = walletStatus({
            paid: usd(paid),
            trial: usd(trial),
            callMinimum: plan.callMinimumBalance,
            alertThreshold: null,
            whatsappCallingEnabled,
          });
          const decided: Record<string, boolean> = {};
          for (const channel of ["sms", "voice_call", "ai_voice", "whatsapp_call"] as const) {
            decided[channel] = (await authorizeUsage(workspace.id, channel, "outbound")).allowed;
          }
          expect({ paid, trial, whatsappCallingEnabled, ...decided }).toEqual({ paid, trial, whatsappCallingEnabled, ...claims(outbound, whatsappCallingEnabled) });
          cases += 1;
        }
      }
    }
    expect(cases).toBe(48);
  });
});
