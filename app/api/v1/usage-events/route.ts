import { z } from "zod";
import { ApiError, apiRoute } from "@/lib/api/handler";
import { formatAmount } from "@/lib/money";
import { CHANNELS } from "@/lib/rating/channels";
import { ingestUsage } from "@/lib/usage/ingest";
import { listUsage } from "@/lib/usage/list";
import { parseUsageEvents } from "@/lib/usage/schema";
import { workspaceCurrency } from "@/lib/workspaces/currency";

export const POST = apiRoute(async ({ caller, body }) => {
  const events = parseUsageEvents(body);
  const { currency, results } = await ingestUsage(caller.workspaceId, events, { type: "api_key", id: caller.apiKeyId });
  return {
    body: {
      results: results.map((result) => ({
        id: result.id,
        status: result.status,
        charge: formatAmount(result.charge),
        currency,
        balance: formatAmount(result.balance),
      })),
    },
  };
});

const querySchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

const QUERY_MESSAGES: Record<string, string> = {
  channel: `channel must be one of ${CHANNELS.join(", ")}`,
  from: "from must be an ISO-8601 timestamp with a time zone",
  to: "to must be an ISO-8601 timestamp with a time zone",
  limit: "limit must be a whole number from 1 to 1000",
  cursor: "cursor is not a cursor returned by this API",
};

export const GET = apiRoute(async ({ caller, url }) => {
  const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const field = String(parsed.error.issues[0].path[0]);
    throw new ApiError(400, field === "channel" ? "unknown_channel" : "invalid_field", QUERY_MESSAGES[field] ?? "Invalid query", field);
  }
  const { from, to, ...rest } = parsed.data;
  const currency = await workspaceCurrency(caller.workspaceId);
  const page = await listUsage(caller.workspaceId, {
    ...rest,
    from: from ? new Date(from) : undefined,
    to: to ? new Date(to) : undefined,
  });
  return {
    body: {
      data: page.data.map((event) => ({
        id: event.externalId,
        channel: event.channel,
        direction: event.direction,
        quantity: event.quantity,
        durationSeconds: event.durationSeconds,
        outcome: event.outcome,
        occurredAt: event.occurredAt.toISOString(),
        source: event.sourceType ? { type: event.sourceType, id: event.sourceId } : null,
        status: event.charge > 0n ? "charged" : "free",
        charge: formatAmount(event.charge),
        currency,
      })),
      nextCursor: page.nextCursor,
    },
  };
});
