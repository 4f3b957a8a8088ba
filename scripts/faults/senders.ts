// The messaging platform's usage senders: each posts batches of usage events to one wallet, for
// as long as the run lasts, and retries as a real sender does — the same event ids, the same
// body and the same Idempotency-Key (or none, for the sender that relies on event ids alone),
// with backoff on connection errors, timeouts, 5xx and 429 (honouring Retry-After). Every answer
// is kept, byte for byte, for the checks; now and then a batch already answered is sent again,
// as a sender that lost its record of the answer would.
import { failureName, httpRequest, sleep } from "./http";
import type { Random } from "./random";

export type Answer = { status: number; body: string; replayed: boolean };

export type SentBatch = {
  key: string | null;
  /** The request body, exactly as sent every time. */
  body: string;
  eventIds: string[];
  /** Every stored answer received (200s and 4xx), in order; 5xx and 429 are not answers. */
  answers: Answer[];
  acknowledged: boolean;
};

export type SenderReport = {
  name: string;
  workspaceId: string;
  keyed: boolean;
  batches: SentBatch[];
  requests: number;
  /** Attempts that got no answer at all, by reason (ECONNREFUSED, ECONNRESET, timeout…). */
  connectionFailures: Record<string, number>;
  serverErrors: number;
  rateLimited: number;
  /** 4xx answers to the harness's valid requests: each one is a defect. */
  unexpected: string[];
};

export type SenderOptions = {
  name: string;
  baseUrl: string;
  apiKey: string;
  workspaceId: string;
  /** Send an Idempotency-Key with every batch. */
  keyed: boolean;
  /** Events per batch, from–to. */
  batchSize: number[];
  random: Random;
  /** True once the run is over: finish the batch in hand and stop. */
  stopping: () => boolean;
  /** Give up on one batch after this long (a server that never recovers). */
  batchDeadlineMs: number;
};

const CHANNELS = ["sms", "sms", "sms", "email", "whatsapp", "voice_call", "voice_call", "ai_voice", "whatsapp_call"] as const;
const OUTCOMES = ["connected", "connected", "connected", "connected", "busy", "no_answer", "failed"] as const;

export async function runSender(options: SenderOptions): Promise<SenderReport> {
  const { random } = options;
  const report: SenderReport = {
    name: options.name,
    workspaceId: options.workspaceId,
    keyed: options.keyed,
    batches: [],
    requests: 0,
    connectionFailures: {},
    serverErrors: 0,
    rateLimited: 0,
    unexpected: [],
  };
  for (let n = 0; !options.stopping(); n++) {
    const events = Array.from({ length: random.int(options.batchSize[0], options.batchSize[1]) }, (_, i) => usageEvent(random, `${options.name}-${n}-${i}`));
    const body = JSON.stringify(events.length === 1 && random.chance(0.3) ? events[0] : { events });
    const batch: SentBatch = { key: options.keyed ? `${options.name}-${n}` : null, body, eventIds: events.map((event) => event.id), answers: [], acknowledged: false };
    report.batches.push(batch);
    await deliver(options, report, batch);
    // A sender that lost its record of the answer (a crash of its own) sends the batch again.
    if (batch.acknowledged && random.chance(0.04)) await deliver(options, report, batch);
    await sleep(random.int(0, 15));
  }
  return report;
}

/** Sends one batch until it gets an answer that is not a 5xx or 429, or its deadline passes; keeps the answer. */
async function deliver(options: SenderOptions, report: SenderReport, batch: SentBatch): Promise<void> {
  const answer = await send(options, batch, report);
  if (!answer) return;
  batch.answers.push(answer);
  if (answer.status === 200) batch.acknowledged = true;
  else report.unexpected.push(`${batch.key ?? batch.eventIds[0]}: ${answer.status} ${answer.body.slice(0, 300)}`);
}

/**
 * One delivery of a batch, retried like a real sender: the same body and key, backoff on
 * connection errors, timeouts and 5xx, Retry-After on 429. Null when the deadline passed.
 */
export async function send(
  options: Pick<SenderOptions, "baseUrl" | "apiKey" | "random" | "batchDeadlineMs">,
  batch: Pick<SentBatch, "key" | "body">,
  report?: SenderReport,
): Promise<Answer | null> {
  const deadline = Date.now() + options.batchDeadlineMs;
  const headers: Record<string, string> = { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" };
  if (batch.key) headers["idempotency-key"] = batch.key;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    if (report) report.requests++;
    let wait = Math.min(2_000, 100 * 2 ** attempt) * options.random.between(0.5, 1.5);
    try {
      const answer = await httpRequest(`${options.baseUrl}/api/v1/usage-events`, { method: "POST", headers, body: batch.body, timeoutMs: 15_000 });
      if (answer.status === 429) {
        if (report) report.rateLimited++;
        wait = Number(answer.headers["retry-after"] ?? 1) * 1000;
      } else if (answer.status >= 500) {
        if (report) report.serverErrors++;
      } else {
        return { status: answer.status, body: answer.body.toString("utf8"), replayed: answer.headers["idempotent-replayed"] === "true" };
      }
    } catch (error) {
      const reason = failureName(error);
      if (report) report.connectionFailures[reason] = (report.connectionFailures[reason] ?? 0) + 1;
    }
    await sleep(wait);
  }
  return null;
}

type UsageEvent = { id: string; channel: string; direction?: string; quantity?: number; durationSeconds?: number; outcome?: string };

function usageEvent(random: Random, id: string): UsageEvent {
  const channel = random.pick(CHANNELS);
  const direction = random.chance(0.15) ? "inbound" : "outbound";
  if (channel === "voice_call" || channel === "ai_voice" || channel === "whatsapp_call") {
    return { id, channel, direction, durationSeconds: random.int(0, 400), outcome: random.pick(OUTCOMES) };
  }
  return { id, channel, direction, quantity: random.int(1, 4) };
}
