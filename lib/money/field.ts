import * as z from "zod/mini";
import type { Micros } from "./currency";
import { parseMoneyInput } from "./input";

// The one zod field for an amount a person types ("25", "25.50", "25,50", "$25"): exact
// micro-units through parseMoneyInput, never a float. Every server action's money field is this
// one; the forms call parseMoneyInput itself for their hints (no zod in the browser), so both say
// the same thing. Issue messages are keys of the `errors` messages. Built with zod/mini, which
// nests in the actions' zod objects. Not in the lib/money barrel, which client components import.

const text = z.string();

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
