import * as z from "zod/mini";
import type { Micros } from "./currency";
import { parseMoneyInput, type MoneyInputError, type MoneyInputResult } from "./input";

// The one zod field for an amount a person types ("25", "25.50", "25,50", "$25"): exact
// micro-units through parseMoneyInput, never a float. Every server action's money field is this
// one, and the forms run it for their hints before sending, so both say the same thing. Issue
// messages are keys of the `errors` messages. Built with zod/mini, which nests in the actions'
// zod objects and keeps the forms' bundles small.

/** Longer than any amount a field accepts: refused before it is parsed. */
const text = z.string().check(z.maxLength(32, "amount_invalid"));

type Context = Parameters<Parameters<typeof z.transform>[0]>[1];

function toMicros(value: string, context: Context): Micros {
  const parsed = parseMoneyInput(value);
  if (parsed.ok) return parsed.value;
  context.issues.push({ code: "custom", message: parsed.error, input: value });
  return z.NEVER;
}

/** A required amount. */
export const moneyField = z.pipe(text, z.transform(toMicros));

/** An amount that may be left empty, meaning none (null). */
export const optionalMoneyField = z.pipe(
  text,
  z.transform((value: string, context): Micros | null => (value.trim() === "" ? null : toMicros(value, context))),
);

/** What moneyField says of `text`, for a form's hint: the amount, or the key of the message to show. */
export function readMoneyField(value: string): MoneyInputResult {
  const parsed = moneyField.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0].message as MoneyInputError };
}
