import { z } from "zod";
import { ApiError, apiMethods, apiRoute } from "@/lib/api/handler";
import { formatAmount, formatAmountShort } from "@/lib/money";
import { CHANNELS, DIRECTIONS } from "@/lib/rating/channels";
import { authorizeUsage } from "@/lib/usage/authorize";

const schema = z.strictObject({
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS).default("outbound"),
});

const authorize = apiRoute(async ({ caller, body }) => {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.code === "unrecognized_keys" ? issue.keys[0] : String(issue.path[0] ?? "");
    const value = typeof body === "object" && body !== null ? (body as Record<string, unknown>)[field] : undefined;
    if (field === "channel" && value !== undefined) {
      throw new ApiError(400, "unknown_channel", `channel must be one of ${CHANNELS.join(", ")}`, "channel");
    }
    const message =
      issue.code === "unrecognized_keys"
        ? `Unknown field "${field}"`
        : value === undefined && field
          ? `${field} is required`
          : field === "direction"
            ? "direction must be outbound or inbound"
            : "The body must be {\"channel\": …, \"direction\": …}";
    throw new ApiError(400, "invalid_field", message, field || undefined);
  }
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
