import { randomUUID } from "node:crypto";

// Every ledger entry's idempotency key, by the movement that writes it: unique per workspace,
// so a replay of the same movement finds its entry and posts nothing. Stored rows depend on
// these exact strings: never change one.
export const ledgerKeys = {
  /** A usage event's charge to the paid balance (lib/ledger/charge-usage.ts). */
  usage: (eventId: string) => `usage:${eventId}`,
  /** …and its part paid by trial credit. */
  usageTrial: (eventId: string) => `usage:${eventId}:trial`,
  /** The credit of a successful card payment, top-up or auto-recharge (credit-payment.ts). */
  payment: (paymentId: string) => `payment:${paymentId}`,
  /** A Stripe refund's debit (debit-refunds.ts). */
  refund: (refundId: string) => `refund:${refundId}`,
  /** A Stripe dispute's debit (debit-dispute.ts). */
  dispute: (disputeId: string) => `dispute:${disputeId}`,
  /** WhatsApp calling's trial credit: once per workspace, ever (R8; grant-trial.ts). */
  whatsappCallTrial: () => "trial:whatsapp_call",
  /** A manual adjustment nobody will retry (adjust.ts); a caller that may retry passes its own key. */
  adjustment: () => `adjustment:${randomUUID()}`,
  /** A goodwill credit from the support console: one per opening of its form, so a double click grants once. */
  goodwill: (requestId: string) => `goodwill:${requestId}`,
  /** The demo seed's opening balance (prisma/demo-activity.ts). */
  demoOpeningBalance: () => "demo:opening-balance",
} as const;
