import { handleStripeWebhook } from "@/lib/payments/webhooks";

// Stripe → Saldo. Thin on purpose: the signature is checked on the raw body, so it is read as
// text and handed over untouched; everything else is in lib/payments/webhooks.
export async function POST(request: Request): Promise<Response> {
  const result = await handleStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
  return Response.json(result.body, { status: result.status });
}
