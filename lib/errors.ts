import type { z } from "zod";

/**
 * An expected failure, shown to the user. `code` is a stable snake_case identifier: it is the
 * API's error code and the key of the translated message (`errors.<code>` in the messages).
 * The one error class of the app: the domain throws it, server actions translate it
 * (lib/actions/safe-action.ts) and the public API answers it (lib/api/handler.ts) with the
 * status this file maps its code to.
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

/** Every code, and the HTTP status it answers with: one table for actions and the API. */
const STATUS = {
  invalid_field: 400,
  invalid_json: 400,
  unknown_channel: 400,
  unauthenticated: 401,
  /** The public API: no valid API key. */
  unauthorized: 401,
  card_declined: 402,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  slug_taken: 409,
  card_required_for_auto_recharge: 409,
  /** Turning auto-recharge on with no card saved. */
  card_required: 409,
  /** Saving auto-recharge would charge the card right away, and the owner has not agreed to that amount. */
  charge_confirmation_required: 409,
  /** An Idempotency-Key used before with another request. */
  idempotency_conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  /** Our own fault; safe to retry. */
  internal_error: 500,
  payments_unavailable: 503,
} as const;

export type AppErrorCode = keyof typeof STATUS;

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * The public API's one reading of a zod failure (API.md "Errors"): the first issue, with its
 * field path under `prefix` ("events[3]"), as
 * - `<field> is required` when the value is missing,
 * - `Unknown field "<key>"` for a key the schema does not know (strict objects),
 * - `unknown_channel` for a bad `channel`, which has its own code,
 * - otherwise the issue's own message (the schemas word them for the sender).
 * `input` is what was parsed, to tell a missing value from a wrong one.
 */
export function fromZodError(error: z.ZodError, input: unknown, prefix = ""): AppError {
  const issue = error.issues[0];
  const path = issue.path.join(".");
  const value = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], input);
  if (value === undefined && issue.path.length > 0) {
    return new AppError("invalid_field", `${path} is required`, joinPath(prefix, path));
  }
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    return new AppError("invalid_field", `Unknown field "${key}"`, joinPath(prefix, [...issue.path, key].join(".")));
  }
  const field = joinPath(prefix, path);
  if (path === "channel") return new AppError("unknown_channel", issue.message, field);
  return new AppError("invalid_field", issue.message, field || undefined);
}

/** "events[2]" + "source.id" → "events[2].source.id". */
export function joinPath(prefix: string, path: string): string {
  return prefix && path ? `${prefix}.${path}` : prefix || path;
}
