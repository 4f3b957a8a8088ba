import type { z } from "zod";
import { formatMoney, type Currency, type Micros } from "@/lib/money";

/** A value a translated message names: shown as is, or an amount in the reader's language. */
export type MessageValue = string | number | { amount: Micros; currency: Currency };

export type Translation = {
  /** The key of the message in the `errors` messages, when it is not the code's own. */
  key?: string;
  values?: Record<string, MessageValue>;
};

/** The values of a translated message as a reader in `locale` reads them ("$5.00", "5,00 US$"). */
export function formatMessageValues(values: Translation["values"], locale: string): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([name, value]) => [name, typeof value === "object" ? formatMoney(value.amount, value.currency, locale) : value]),
  );
}

/**
 * An expected failure, shown to the user. `code` is a stable snake_case identifier: it is the
 * API's error code and the key of the translated message (`errors.<code>` in the messages), or
 * `translation` names a more precise one ("errors.top_up_out_of_range" for an invalid_field).
 * The one error class of the app: the domain throws it, server actions translate it
 * (lib/actions/safe-action.ts) and the public API answers it (lib/api/handler.ts) with the
 * status this file maps its code to; `message` is the English sentence the API sends.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message?: string,
    readonly field?: string,
    readonly translation: Translation = {},
  ) {
    super(message ?? code);
    this.name = "AppError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/**
 * Several fields wrong at once (a form's settings checked together): an invalid_field whose
 * field and message are the first problem's, and which lists them all for the form.
 */
export class InvalidFields extends AppError {
  constructor(readonly problems: [AppError, ...AppError[]]) {
    super("invalid_field", problems[0].message, problems[0].field, problems[0].translation);
    this.name = "InvalidFields";
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
  /** A support staff member viewing a workspace: money stays with the workspace's people (lib/auth/roles.ts). */
  viewing_refuses_money: 403,
  /** …and so do lasting ways in (API keys, invitations). */
  viewing_refuses_access: 403,
  /** A SUPPORT staff member's goodwill credit above the per-grant or per-day cap (lib/support/goodwill.ts). */
  goodwill_cap_exceeded: 403,
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
  /** Inviting, or adding, someone who is already a member of the workspace. */
  already_member: 409,
  /** The change would leave the workspace without an owner. */
  last_owner: 409,
  /** An invitation link used before, revoked, or past its 7 days. */
  invitation_expired: 410,
  invitation_used: 410,
  /** An invitation opened by an account with another e-mail than the invited one. */
  invitation_wrong_account: 403,
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
