import "server-only";
import { db } from "@/lib/db";
import { recordAutoRechargeOutcome } from "@/lib/auto-recharge/outcome";
import type { JobData } from "@/lib/jobs/queues";
import { chargeOffSession } from "@/lib/payments/top-ups";

// The `auto-recharge.charge` job: charges the card of one in-flight AUTO_RECHARGE Payment.
// A success does nothing more here: the payment stays in flight until the webhook has credited
// the wallet and called recordAutoRechargeOutcome, so no second recharge can start while the
// balance still shows the money missing. A refusal is recorded at once.

export type ChargeJobResult =
  | { status: "charged"; result: "succeeded" | "processing" }
  | { status: "failed"; code: string }
  | { status: "canceled"; reason: "disabled" | "balance_recovered" }
  | { status: "skipped" };

/** Where this run is in pg-boss's retries of the job (for "Stripe unreachable"). */
export type JobAttempt = { retryCount: number; retryLimit: number };

export async function runChargeJob(
  { workspaceId, paymentId }: JobData<"auto-recharge.charge">,
  attempt: JobAttempt = { retryCount: 0, retryLimit: 0 },
): Promise<ChargeJobResult> {
  const [payment, settings, wallet] = await Promise.all([
    db.payment.findFirst({ where: { id: paymentId, workspaceId, kind: "AUTO_RECHARGE" } }),
    db.autoRecharge.findUnique({ where: { workspaceId } }),
    db.wallet.findUnique({ where: { workspaceId }, select: { paidBalance: true, trialBalance: true } }),
  ]);
  // An outcome was already recorded (a replayed job, or the webhook was faster): nothing to do.
  if (!payment || !settings || !wallet || settings.inFlightPaymentId !== paymentId || payment.status !== "PROCESSING") {
    return { status: "skipped" };
  }

  // A retry waits minutes; by then the owner may have switched auto-recharge off or topped up by
  // hand. Only a payment that never reached Stripe is dropped: one with a PaymentIntent goes on
  // with the same idempotency key, which answers Stripe's first result instead of charging again.
  if (!payment.stripePaymentIntentId) {
    const available = wallet.paidBalance + wallet.trialBalance;
    const reason = !settings.enabled ? "disabled" : available >= settings.threshold ? "balance_recovered" : null;
    if (reason) {
      await cancelAttempt(workspaceId, paymentId, reason);
      return { status: "canceled", reason };
    }
  }

  // Stable for this payment (the failure count only moves when its outcome is recorded), so a
  // job retried after a crash sends Stripe the same key; readable in Stripe's dashboard as the
  // attempt number of the current series.
  const idempotencyKey = `${payment.idempotencyKey}:attempt-${settings.consecutiveFailures + 1}`;
  let result;
  try {
    result = await chargeOffSession({
      workspaceId,
      paymentId,
      amount: payment.amount,
      currency: payment.currency,
      stripePaymentMethodId: payment.stripePaymentMethodId!,
      idempotencyKey,
    });
  } catch (error) {
    // Stripe unreachable: pg-boss runs the job again later. On the last try, give up as a
    // failure, so the slot is freed and the usual retry/switch-off policy applies.
    if (attempt.retryCount < attempt.retryLimit) throw error;
    console.error(`[auto-recharge] payment ${paymentId}: giving up after ${attempt.retryCount + 1} tries:`, error);
    await recordAutoRechargeOutcome(workspaceId, paymentId, {
      ok: false,
      code: "payments_unavailable",
      message: "Card payments could not be reached to charge your card.",
    });
    return { status: "failed", code: "payments_unavailable" };
  }

  if (result.status === "failed") {
    await recordAutoRechargeOutcome(workspaceId, paymentId, { ok: false, code: result.code, message: result.message });
    return { status: "failed", code: result.code };
  }
  return { status: "charged", result: result.status };
}

/** Drops an attempt that is no longer wanted: no charge, no failure counted. */
async function cancelAttempt(workspaceId: string, paymentId: string, reason: "disabled" | "balance_recovered") {
  const message = reason === "disabled" ? "Auto-recharge was switched off before the charge." : "The balance was back above the threshold.";
  await db.$transaction(async (tx) => {
    const freed = await tx.autoRecharge.updateMany({ where: { workspaceId, inFlightPaymentId: paymentId }, data: { inFlightPaymentId: null } });
    if (freed.count === 0) return;
    await tx.payment.updateMany({
      where: { id: paymentId, workspaceId, status: "PROCESSING", stripePaymentIntentId: null },
      data: { status: "CANCELED", failureCode: reason, failureMessage: message },
    });
  });
}
