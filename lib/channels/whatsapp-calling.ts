import "server-only";
import { recordAudit, systemAudit, type AuditContext } from "@/lib/audit/record";
import { whatsappTrialOnOffer } from "@/lib/channels/availability";
import { grantWhatsappCallTrial } from "@/lib/ledger/grant-trial";
import { withWallet, type Actor } from "@/lib/ledger/post";
import { formatAmount } from "@/lib/money";

/** Turns WhatsApp calling on or off; the first time it is turned on, grants the trial credit (R8). */
export async function setWhatsappCalling(workspaceId: string, enabled: boolean, actor: Actor, audit: AuditContext = systemAudit(workspaceId)) {
  return withWallet(workspaceId, async (session) => {
    const { tx, wallet } = session;
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { whatsappCallingEnabled: true } });
    const workspace = await tx.workspace.update({
      where: { id: workspaceId },
      data: { whatsappCallingEnabled: enabled },
      select: { whatsappTrialGrantedAt: true, currency: true },
    });
    let trialGranted = 0n;
    if (enabled && !workspace.whatsappTrialGrantedAt) {
      const plan = await tx.currencyPlan.findUniqueOrThrow({ where: { currency: workspace.currency } });
      const offer = whatsappTrialOnOffer(workspace, plan);
      // Granted at most once, ever: lib/ledger/grant-trial.ts answers 0 the second time.
      if (offer > 0n) trialGranted = await grantWhatsappCallTrial(session, offer, actor);
      await tx.workspace.update({ where: { id: workspaceId }, data: { whatsappTrialGrantedAt: new Date() } });
    }
    if (before.whatsappCallingEnabled !== enabled) {
      await recordAudit(tx, audit, {
        action: "whatsapp_calling.updated",
        changes: { enabled: { from: before.whatsappCallingEnabled, to: enabled }, ...(trialGranted > 0n ? { trialGranted: formatAmount(trialGranted), currency: workspace.currency } : {}) },
      });
    }
    return { enabled, trialGranted, trialBalance: wallet.trialBalance };
  });
}
