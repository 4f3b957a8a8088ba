/**
 * An expected failure, shown to the user. `code` is a stable snake_case identifier: it is the
 * API's error code and the key of the translated message (`errors.<code>` in the messages).
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message?: string,
    readonly field?: string,
  ) {
    super(message ?? code);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

const STATUS = {
  invalid_field: 400,
  invalid_json: 400,
  unknown_channel: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  email_taken: 409,
  slug_taken: 409,
  rate_limited: 429,
  card_declined: 402,
  card_required_for_auto_recharge: 409,
  /** Turning auto-recharge on with no card saved. */
  card_required: 409,
  /** Saving auto-recharge would charge the card right away, and the owner has not agreed to that amount. */
  charge_confirmation_required: 409,
  payments_unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof STATUS;

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
