import "server-only";
import { withWallet, type Actor } from "@/lib/ledger/post";

// Trial credit is granted once per workspace, ever (R8): the ledger key makes a second grant
// impossible even if the workspace flag were reset by hand.
const TRIAL_KEY = "trial:whatsapp_call";

/** Turns WhatsApp calling on or off; the first time it is turned on, grants the trial credit. */
export async function setWhatsappCalling(workspaceId: string, enabled: boolean, actor: Actor) {
  return withWallet(workspaceId, async ({ tx, wallet, post }) => {
    const workspace = await tx.workspace.update({
      where: { id: workspaceId },
      data: { whatsappCallingEnabled: enabled },
      select: { whatsappTrialGrantedAt: true, currency: true },
    });
    let trialGranted = 0n;
    if (enabled && !workspace.whatsappTrialGrantedAt) {
      const alreadyGranted = await tx.ledgerEntry.findUnique({
        where: { workspaceId_idempotencyKey: { workspaceId, idempotencyKey: TRIAL_KEY } },
      });
      const plan = await tx.currencyPlan.findUniqueOrThrow({ where: { currency: workspace.currency } });
      if (!alreadyGranted && plan.whatsappCallTrialCredit > 0n) {
        await post([
          {
            kind: "TRIAL_GRANT",
            bucket: "TRIAL",
            amount: plan.whatsappCallTrialCredit,
            idempotencyKey: TRIAL_KEY,
            reference: "whatsapp_call",
            description: "WhatsApp calling trial credit",
            actor,
          },
        ]);
        trialGranted = plan.whatsappCallTrialCredit;
      }
      await tx.workspace.update({ where: { id: workspaceId }, data: { whatsappTrialGrantedAt: new Date() } });
    }
    return { enabled, trialGranted, trialBalance: wallet.trialBalance };
  });
}
