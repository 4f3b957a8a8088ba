import { apiMethods } from "@/lib/api/handler";
import { handleStripeWebhook } from "@/lib/payments/webhooks";

// Stripe → Saldo. Thin on purpose: everything (size limit, signature on the raw body, event
// validation, dispatch) is in lib/payments/webhooks.
async function receive(request: Request): Promise<Response> {
  const result = await handleStripeWebhook(request);
  return Response.json(result.body, { status: result.status });
}

// Any other method gets the API's JSON 405 with Allow (OPTIONS 204), not Next.js's empty one.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ POST: receive });
