import { z } from "zod";
import { apiMethods, apiRoute } from "@/lib/api/handler";
import { fromZodError } from "@/lib/errors";
import { formatAmount, formatAmountShort } from "@/lib/money";
import { CHANNELS, DIRECTIONS } from "@/lib/rating/channels";
import { authorizeUsage } from "@/lib/usage/authorize";

// Every message is worded for the sender; fromZodError (lib/errors.ts) picks the first problem.
const schema = z.strictObject(
  {
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(", ")}` }),
    direction: z.enum(DIRECTIONS, { error: "direction must be outbound or inbound" }).default("outbound"),
  },
  { error: 'The body must be {"channel": …, "direction": …}' },
);

const authorize = apiRoute(async ({ caller, body }) => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fromZodError(parsed.error, body);
  const decision = await authorizeUsage(caller.workspaceId, parsed.data.channel, parsed.data.direction);
  return {
    body: {
      allowed: decision.allowed,
      reason: decision.reason,
      currency: decision.currency,
      balance: formatAmount(decision.paidBalance + decision.trialCredit),
      paidBalance: formatAmount(decision.paidBalance),
      trialCredit: decision.trialCredit === 0n ? "0" : formatAmount(decision.trialCredit),
      minimumBalance: decision.minimumBalance === 0n ? "0" : formatAmountShort(decision.minimumBalance),
    },
  };
});

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ POST: authorize });
