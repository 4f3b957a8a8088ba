import "server-only";
import type Stripe from "stripe";
import { applyAutoRechargeOutcome } from "@/lib/auto-recharge/outcome";
import { creditPayment } from "@/lib/ledger/credit-payment";
import { deliverMail, mailContext, queueMail, receiptMail } from "@/lib/mail";
import { fromMinorUnits } from "@/lib/money";
import type { WebhookContext } from "../context";
import { chargeCard, paymentForIntent, paymentLabel, retrieveIntent } from "../lookup";

/**
 * The one place a payment credits the wallet (lib/ledger/credit-payment.ts: once per Payment),
 * then the receipt e-mail. A replay, or this event arriving again after a failed after-commit
 * task, finds the entry and credits nothing. An auto-recharge's outcome (its in-flight slot freed)
 * commits in the same transaction as the credit and the event id, so no crash can leave one
 * without the other.
 */
export async function paymentIntentSucceeded(event: Stripe.Event, ctx: WebhookContext): Promise<void> {
  const intent = await retrieveIntent((event.data.object as Stripe.PaymentIntent).id);
  if (!intent || intent.status !== "succeeded") return;
  const payment = await paymentForIntent(intent);
  if (!payment) return;

  const workspaceId = payment.workspaceId;
  const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
  const card = chargeCard(charge);
  // What Stripe actually took is what the wallet gets (it equals the payment's amount).
  const amount = fromMinorUnits(intent.amount_received || intent.amount, payment.currency);
  if (amount !== payment.amount) console.error(`Payment ${payment.id}: Stripe received ${amount} micro-units, expected ${payment.amount}`);
  const mail = await mailContext(workspaceId);

  const mailId = await ctx.commitWithWallet(workspaceId, async (session) => {
    const { tx } = session;
    const credited = await creditPayment(session, payment, { amount, reference: intent.id, description: paymentLabel(payment, card) });
    // Before the Payment row: the AutoRecharge row is locked first by every writer of both.
    if (payment.kind === "AUTO_RECHARGE") await applyAutoRechargeOutcome(tx, workspaceId, payment.id, { ok: true }, null);
    // Money taken is the truth: SUCCEEDED whatever the row said before (even a late FAILED).
    await tx.payment.update({
      where: { id: payment.id },
      data: {
        status: "SUCCEEDED",
        stripePaymentIntentId: intent.id,
        stripePaymentMethodId: payment.stripePaymentMethodId ?? (typeof intent.payment_method === "string" ? intent.payment_method : null),
        stripeChargeId: charge?.id ?? null,
        receiptUrl: charge?.receipt_url ?? null,
        failureCode: null,
        failureMessage: null,
      },
    });
    if (!credited || !mail.to) return null;
    // The receipt is written in the same transaction as the credit: one credit, one receipt.
    return queueMail(tx, {
      workspaceId,
      kind: "receipt",
      to: mail.to,
      ...receiptMail({
        locale: mail.locale,
        workspaceName: mail.workspaceName,
        kind: payment.kind,
        amount,
        currency: payment.currency,
        card,
        receiptUrl: charge?.receipt_url ?? null,
        walletUrl: mail.walletUrl,
        paidAt: charge ? new Date(charge.created * 1000) : new Date(),
        timeZone: mail.timeZone,
      }),
    });
  });

  if (mailId) ctx.afterCommit("deliver receipt", () => deliverMail(mailId));
}
