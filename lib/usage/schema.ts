import { z } from "zod";
import { AppError, fromZodError, joinPath } from "@/lib/errors";
import { CHANNELS, DIRECTIONS, OUTCOMES, isTimedChannel } from "@/lib/rating/channels";
import { text, timestamp } from "@/lib/validation";

// POST /api/v1/usage-events, exactly as API.md describes it. Unknown fields are refused so a
// typo ("duration" for "durationSeconds") is an error, not a silently free call.

export const MAX_BATCH = 1000;
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/**
 * How late usage may be reported. Events feed the balance, the usage totals and the weekly
 * summary (and the daily rollups built on them), so history older than this stays as it was
 * reported. 35 days covers a calendar month plus a sender's few days of outage and retries —
 * Stripe's meter events take the same window — while refusing the zero dates and epoch
 * defaults of a sender's bug, which would otherwise be rated at the oldest price on record.
 */
export const PAST_WINDOW_DAYS = 35;

const usageEventSchema = z
  .strictObject({
    id: text("id", { max: 128 }),
    channel: z.enum(CHANNELS, { error: `channel must be one of ${CHANNELS.join(", ")}` }),
    direction: z.enum(DIRECTIONS, { error: "direction must be outbound or inbound" }).default("outbound"),
    quantity: z
      .number({ error: "quantity must be a whole number" })
      .int("quantity must be a whole number")
      .min(1, "quantity must be at least 1")
      .max(10_000, "quantity must be at most 10000")
      .default(1),
    durationSeconds: z
      .number({ error: "durationSeconds must be a whole number of seconds" })
      .int("durationSeconds must be a whole number of seconds")
      .min(0, "durationSeconds must not be negative")
      .max(86_400, "durationSeconds must be at most 86400")
      .optional(),
    outcome: z.enum(OUTCOMES, { error: `outcome must be one of ${OUTCOMES.join(", ")}` }).default("connected"),
    occurredAt: timestamp("occurredAt").optional(),
    source: z
      .strictObject({
        type: z.enum(["conversation", "campaign", "broadcast"], { error: "source.type must be conversation, campaign or broadcast" }),
        id: text("source.id", { max: 128 }),
      })
      .optional(),
  })
  .superRefine((event, context) => {
    if (isTimedChannel(event.channel) && event.durationSeconds === undefined) {
      context.addIssue({ code: "custom", path: ["durationSeconds"], message: `durationSeconds is required for ${event.channel}` });
    }
  });

export type UsageEventInput = {
  externalId: string;
  channel: (typeof CHANNELS)[number];
  direction: (typeof DIRECTIONS)[number];
  quantity: number;
  durationSeconds: number | null;
  outcome: (typeof OUTCOMES)[number] | null;
  occurredAt: Date;
  source: { type: "conversation" | "campaign" | "broadcast"; id: string } | null;
};

/**
 * Validates a request body (one event, or {"events": [...]}) as a whole: the first problem is
 * reported with its field path and nothing of the batch is accepted.
 */
export function parseUsageEvents(body: unknown, now = new Date()): UsageEventInput[] {
  const isBatch = typeof body === "object" && body !== null && !Array.isArray(body) && "events" in body;
  let raw: unknown[];
  if (isBatch) {
    const events = (body as { events: unknown }).events;
    const extra = Object.keys(body as object).find((key) => key !== "events");
    if (extra) throw new AppError("invalid_field", `Unknown field "${extra}"`, extra);
    if (!Array.isArray(events)) throw new AppError("invalid_field", "events must be an array", "events");
    if (events.length < 1 || events.length > MAX_BATCH) {
      throw new AppError("invalid_field", `events must hold 1 to ${MAX_BATCH} events`, "events");
    }
    raw = events;
  } else {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new AppError("invalid_field", "The body must be a usage event object or {\"events\": [...]}");
    }
    raw = [body];
  }

  return raw.map((item, index) => {
    const prefix = isBatch ? `events[${index}]` : "";
    const parsed = usageEventSchema.safeParse(item);
    if (!parsed.success) throw fromZodError(parsed.error, item, prefix);
    const event = parsed.data;
    const occurredAt = event.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new AppError("invalid_field", "occurredAt is more than 5 minutes in the future", joinPath(prefix, "occurredAt"));
    }
    if (occurredAt.getTime() < now.getTime() - PAST_WINDOW_DAYS * 86_400_000) {
      throw new AppError("invalid_field", `occurredAt is more than ${PAST_WINDOW_DAYS} days in the past`, joinPath(prefix, "occurredAt"));
    }
    const timed = isTimedChannel(event.channel);
    return {
      externalId: event.id,
      channel: event.channel,
      direction: event.direction,
      quantity: timed ? 1 : event.quantity,
      durationSeconds: timed ? event.durationSeconds! : null,
      outcome: timed ? event.outcome : null,
      occurredAt,
      source: event.source ?? null,
    };
  });
}
