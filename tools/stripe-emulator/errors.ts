// Stripe-shaped errors. The body is `{ "error": { type, code, decline_code, message, param, … } }`
// and the HTTP status is what stripe-node maps to its error classes: 400/404 →
// StripeInvalidRequestError (or StripeIdempotencyError for type idempotency_error), 401 →
// StripeAuthenticationError, 402 → StripeCardError, 5xx → StripeAPIError.

export type StripeErrorType = "api_error" | "card_error" | "idempotency_error" | "invalid_request_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  /** Snapshots of the objects involved, as Stripe includes them in card errors. */
  payment_intent?: unknown;
  setup_intent?: unknown;
  payment_method?: unknown;
  request_log_url?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
    if (body.code && !body.doc_url) body.doc_url = `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, "-")}`;
  }
}

/** 404 for an id that does not exist, worded like Stripe ("No such customer: 'cus_x'"). */
export function noSuch(kind: string, id: string, param = "id"): StripeApiError {
  return new StripeApiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

export function badRequest(message: string, extra: Partial<StripeErrorBody> = {}): StripeApiError {
  return new StripeApiError(400, { type: "invalid_request_error", message, ...extra });
}
