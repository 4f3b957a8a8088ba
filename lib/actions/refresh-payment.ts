"use server";

import { z } from "zod";
import { workspaceAction } from "@/lib/actions/safe-action";
import { formatAmountShort } from "@/lib/money";
import { refreshPayment as refresh } from "@/lib/payments/top-ups";

const schema = z.object({ paymentId: z.uuid("not_found") });

/** The browser's view of a payment (amount as a decimal string). */
export type PaymentSummary = {
  id: string;
  status: "PROCESSING" | "REQUIRES_ACTION" | "SUCCEEDED" | "FAILED" | "CANCELED";
  amount: string;
  failureCode: string | null;
  failureMessage: string | null;
  /** The wallet has been credited with it (the Stripe webhook arrived). */
  credited: boolean;
};

export type RefreshPaymentInput = z.input<typeof schema>;

// The Add funds dialog polls this after paying (and after 3-D Secure) until the wallet is credited.
const action = workspaceAction("moveMoney", schema, async ({ paymentId }, { workspace }): Promise<PaymentSummary> => {
  const payment = await refresh(workspace.id, paymentId);
  return {
    id: payment.id,
    status: payment.status,
    amount: formatAmountShort(payment.amount),
    failureCode: payment.failureCode,
    failureMessage: payment.failureMessage,
    // lib/payments marks a payment SUCCEEDED in the transaction that credits the wallet.
    credited: payment.status === "SUCCEEDED",
  };
});

export async function refreshPayment(workspaceSlug: string, input: RefreshPaymentInput) {
  return action(workspaceSlug, input);
}
