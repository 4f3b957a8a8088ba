import "server-only";
import { db, type Prisma } from "@/lib/db";
import { MAX_CONSECUTIVE_FAILURES } from "@/lib/auto-recharge/defaults";
import { retryDelaySeconds } from "@/lib/auto-recharge/config";
import { startRecharge } from "@/lib/auto-recharge/trigger";
import { autoRechargeDisabledMail, autoRechargeFailedMail, deliverMail, mailContext, queueMail, type MailContext } from "@/lib/mail";

// The failure policy (PRODUCT.md, Payments): a failed recharge is retried with backoff; after 3
// failures in a row auto-recharge switches itself off and the owner is e-mailed. Outcomes come
// from two places — the charge job (Stripe refused at once) and the Stripe webhook (confirmed
// later) — possibly both for one payment, and webhooks are replayed, so an outcome applies only
// to the payment that is in flight and then clears it: a second report finds nothing to do.

export type AutoRechargeOutcome = { ok: true } | { ok: false; code: string; message: string };

export type OutcomeResult = {
  /** False when the payment was not the one in flight (a replay, or an unknown payment). */
  applied: boolean;
  consecutiveFailures?: number;
  /** This failure switched auto-recharge off. */
  disabled?: boolean;
  /** The next attempt, when one was scheduled. */
  retryPaymentId?: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records how an auto-recharge payment ended, in a transaction of its own (the charge job, which
 * learns a refusal from Stripe's answer). On success (the webhook has already credited the
 * wallet and marked the Payment SUCCEEDED) it frees the in-flight slot and resets the failure
 * count; the receipt e-mail the webhook sends is the owner's notice, so nothing more is mailed.
 * On failure it marks the Payment FAILED, counts the failure, schedules the next attempt or
 * switches auto-recharge off, and e-mails the owner — the e-mail row commits with the change.
 */
export async function recordAutoRechargeOutcome(
  workspaceId: string,
  paymentId: string,
  outcome: AutoRechargeOutcome,
): Promise<OutcomeResult> {
  if (!UUID.test(workspaceId) || !UUID.test(paymentId)) return { applied: false };
  // Read before the transaction: it is only needed to word the e-mail.
  const mail = outcome.ok ? null : await outcomeMailContext(workspaceId);
  const { result, mailId } = await db.$transaction((tx) => applyAutoRechargeOutcome(tx, workspaceId, paymentId, outcome, mail));
  if (mailId) await deliverOutcomeMail(mailId);
  return result;
}

/** What a failure's e-mail is worded with (null: it is not sent); read outside the transaction. */
export function outcomeMailContext(workspaceId: string): Promise<MailContext | null> {
  return mailContext(workspaceId).catch(() => null);
}

/** SMTP after the commit: a slow or failing mail server must not hold the row lock or undo the outcome. Without SMTP the committed row is the outbox entry. */
export async function deliverOutcomeMail(mailId: string): Promise<void> {
  await deliverMail(mailId).catch((error) => console.error("[auto-recharge] mail:", (error as Error).message));
}

/**
 * recordAutoRechargeOutcome's work, inside `tx`: the transaction of whoever learned the outcome.
 * A Stripe webhook passes the one that records its event id, so the outcome commits with the
 * event or not at all — a server killed right after that commit leaves nothing undone, one
 * killed before leaves it all to Stripe's retry (issue 13: with the outcome in a later
 * transaction, a kill in between left the wallet's in-flight slot held, and no recharge could
 * start until reconciliation, 15 minutes and more later). Locks the AutoRecharge row before it
 * touches the Payment, as every writer of both does. Answers the e-mail to deliver after the
 * commit (deliverOutcomeMail), if any.
 */
export async function applyAutoRechargeOutcome(
  tx: Prisma.TransactionClient,
  workspaceId: string,
  paymentId: string,
  outcome: AutoRechargeOutcome,
  mail: MailContext | null,
): Promise<{ result: OutcomeResult; mailId: string | null }> {
  if (!UUID.test(workspaceId) || !UUID.test(paymentId)) return { result: { applied: false }, mailId: null };
  const [settings] = await tx.$queryRaw<
    { enabled: boolean; amount: bigint; monthlyCap: bigint; paymentMethodId: string | null; inFlightPaymentId: string | null; consecutiveFailures: number }[]
  >`
    SELECT enabled, amount, "monthlyCap", "paymentMethodId", "inFlightPaymentId"::text, "consecutiveFailures"
    FROM "AutoRecharge" WHERE "workspaceId" = ${workspaceId}::uuid FOR UPDATE`;
  if (!settings || settings.inFlightPaymentId !== paymentId) return { result: { applied: false }, mailId: null };

  if (outcome.ok) {
    await tx.autoRecharge.update({
      where: { workspaceId },
      data: { inFlightPaymentId: null, consecutiveFailures: 0, lastFailureMessage: null },
    });
    return { result: { applied: true, consecutiveFailures: 0 }, mailId: null };
  }

  const message = outcome.message.trim().slice(0, 500) || "The card was declined.";
  // Created in the same transaction that marked it in flight, so it exists.
  const payment = await tx.payment.findFirstOrThrow({ where: { id: paymentId, workspaceId } });
  await tx.payment.updateMany({
    where: { id: paymentId, workspaceId, status: { in: ["PROCESSING", "REQUIRES_ACTION"] } },
    data: { status: "FAILED", failureCode: outcome.code.slice(0, 64), failureMessage: message },
  });

  const failures = settings.consecutiveFailures + 1;
  // Only an auto-recharge that is on switches itself off; one the owner already turned off
  // while this charge was under way just records the failure.
  const disable = settings.enabled && failures >= MAX_CONSECUTIVE_FAILURES;
  await tx.autoRecharge.update({
    where: { workspaceId },
    data: {
      inFlightPaymentId: null,
      consecutiveFailures: failures,
      lastFailureMessage: message,
      ...(disable ? { enabled: false, disabledAt: new Date() } : {}),
    },
  });

  let retryPaymentId: string | undefined;
  if (settings.enabled && !disable) {
    const retry = await startRecharge(
      tx,
      { workspaceId, currency: payment.currency, amount: settings.amount, monthlyCap: settings.monthlyCap, paymentMethodId: settings.paymentMethodId },
      { startAfterSeconds: retryDelaySeconds(failures) },
    );
    if (retry.started) retryPaymentId = retry.paymentId;
  }

  let mailId: string | null = null;
  if (mail?.to) {
    const card = payment.stripePaymentMethodId
      ? await tx.paymentMethod.findFirst({ where: { workspaceId, stripePaymentMethodId: payment.stripePaymentMethodId }, select: { brand: true, last4: true } })
      : null;
    const values = {
      ...mailValues(mail),
      amount: payment.amount,
      currency: payment.currency,
      card,
      reason: message,
      failures,
    };
    mailId = disable
      ? await queueMail(tx, { workspaceId, kind: "auto_recharge_disabled", to: mail.to, ...autoRechargeDisabledMail(values) })
      : await queueMail(tx, {
          workspaceId,
          kind: "auto_recharge_failed",
          to: mail.to,
          ...autoRechargeFailedMail({ ...values, willRetry: retryPaymentId !== undefined }),
        });
  }
  return { result: { applied: true, consecutiveFailures: failures, disabled: disable, retryPaymentId }, mailId };
}

function mailValues(context: MailContext) {
  return { locale: context.locale, workspaceName: context.workspaceName, walletUrl: context.walletUrl };
}
