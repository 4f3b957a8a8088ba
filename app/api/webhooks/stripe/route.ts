import { handleStripeWebhook } from "@/lib/payments/webhooks";

// Stripe → Saldo. Thin on purpose: everything (size limit, signature on the raw body, event
// validation, dispatch) is in lib/payments/webhooks.
export async function POST(request: Request): Promise<Response> {
  const result = await handleStripeWebhook(request);
  return Response.json(result.body, { status: result.status });
}
