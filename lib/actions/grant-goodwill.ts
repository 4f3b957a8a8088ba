"use server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { formatAmountShort } from "@/lib/money";
import { moneyField } from "@/lib/money/field";
import { goodwillReason, grantGoodwill as grant } from "@/lib/support/goodwill";

const schema = z.object({
  workspaceId: z.uuid("not_found"),
  amount: moneyField,
  reason: goodwillReason,
  // One per opening of the form: a double click, or a retry, grants once.
  requestId: z.uuid("invalid_field"),
});

export type GrantGoodwillInput = z.input<typeof schema>;

// Staff only; SUPPORT within the caps (lib/support/goodwill.ts), ADMIN uncapped.
const action = staffAction(schema, async ({ workspaceId, amount, reason, requestId }, { user, audit }) => {
  const { entry, duplicate } = await grant(user, { workspaceId, amount, reason, requestId }, audit);
  return { amount: formatAmountShort(entry.amount), duplicate };
});

export async function grantGoodwill(input: GrantGoodwillInput) {
  return action(input);
}
