import { z } from "zod";
import { apiMethods, apiRoute } from "@/lib/api/handler";
import { fromZodError } from "@/lib/errors";
import { formatAmount } from "@/lib/money";
import { CHANNELS } from "@/lib/rating/channels";
import { ingestUsage } from "@/lib/usage/ingest";
import { listUsage } from "@/lib/usage/list";
import { parseUsageEvents } from "@/lib/usage/schema";
import { text, timestamp } from "@/lib/validation";
import { workspaceCurrency } from "@/lib/workspaces/currency";

const report = apiRoute(async ({ caller, body, answerInTransaction }) => {
  const events = parseUsageEvents(body);
  // The answer is stored in the ingest's transaction: it commits with the events or not at all.
  return ingestUsage(caller.workspaceId, events, { type: "api_key", id: caller.apiKeyId }, (tx, { currency, results }) =>
    answerInTransaction(tx, {
      body: {
        results: results.map((result) => ({
          id: result.id,
          status: result.status,
          charge: formatAmount(result.charge),
          currency,
          balance: formatAmount(result.balance),
        })),
      },
    }),
  );
});

const LIMIT = "limit must be a whole number from 1 to 1000";

// Every message is worded for the sender; fromZodError (lib/errors.ts) picks the first problem.
const querySchema = z.object({
  channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(", ")}` }).optional(),
  from: timestamp("from").optional(),
  to: timestamp("to").optional(),
  limit: z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(1000, LIMIT).default(100),
  // Decoded (and checked) by listUsage.
  cursor: text("cursor", { max: 200 }).optional(),
});

const history = apiRoute(async ({ caller, url }) => {
  const query = Object.fromEntries(url.searchParams);
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) throw fromZodError(parsed.error, query);
  const currency = await workspaceCurrency(caller.workspaceId);
  const page = await listUsage(caller.workspaceId, parsed.data);
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

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = apiMethods({ GET: history, POST: report });
