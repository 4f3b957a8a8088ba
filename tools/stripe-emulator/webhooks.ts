// Webhook delivery, the way Stripe does it: each event is POSTed as JSON to the endpoint with a
// `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<payload>")>` header, so
// the app's real `stripe.webhooks.constructEvent(rawBody, header, secret)` accepts it. A fresh
// timestamp and signature is made for every attempt (as Stripe does), so a retry hours later still
// passes the SDK's 5-minute tolerance.
//
// Delivery is asynchronous (the API answers before the webhook is sent) and retried with backoff
// when the endpoint answers non-2xx, times out or is down. Stripe itself does not promise order;
// this emulator does, per customer (or per object when there is no customer): an event is not sent
// before the earlier events of the same customer were delivered or given up on. That is stricter
// than Stripe — an app that relies on it still has to cope with Stripe's real reordering, but
// tests and local runs stay deterministic.

import { createHmac } from "node:crypto";
import type Stripe from "stripe";

/** The `Stripe-Signature` header for `payload`, signed at `timestamp` (unix seconds). */
export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

export interface DeliveryAttempt {
  /** Milliseconds since the epoch. */
  at: number;
  /** The endpoint's HTTP status, when it answered. */
  status?: number;
  /** Why there was no answer (connection refused, timeout). */
  error?: string;
  durationMs: number;
}

export interface WebhookDeliveryOptions {
  secret: string;
  url: string | undefined;
  /** Waits between attempts; attempts = length + 1. */
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  log: (line: string) => void;
  /** Called once an event's delivery is settled: delivered, or given up after the last attempt. */
  onSettled: (event: Stripe.Event, delivered: boolean) => void;
}

interface Job {
  event: Stripe.Event;
}

export class WebhookDelivery {
  /** Ordering key → jobs waiting, the first one being delivered. */
  private readonly queues = new Map<string, Job[]>();
  private readonly attempts = new Map<string, DeliveryAttempt[]>();
  private outstanding = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly abort = new AbortController();

  constructor(private readonly options: WebhookDeliveryOptions) {}

  get url(): string | undefined {
    return this.options.url;
  }

  set url(url: string | undefined) {
    this.options.url = url;
  }

  /** Every attempt made for an event so far (for tests and the `/emulator` endpoints). */
  attemptsFor(eventId: string): DeliveryAttempt[] {
    return [...(this.attempts.get(eventId) ?? [])];
  }

  /**
   * Queues an event behind the earlier events with the same ordering key. Returns false (and
   * sends nothing) when no endpoint is configured.
   */
  enqueue(event: Stripe.Event, orderingKey: string): boolean {
    if (!this.options.url || this.abort.signal.aborted) return false;
    const queue = this.queues.get(orderingKey);
    this.outstanding++;
    if (queue) {
      queue.push({ event });
      return true;
    }
    this.queues.set(orderingKey, [{ event }]);
    void this.drain(orderingKey);
    return true;
  }

  /** Resolves when every queued delivery is settled (retries included). */
  idle(): Promise<void> {
    if (this.outstanding === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops sending: waits in progress end, and what is still queued stays pending. */
  stop(): void {
    this.abort.abort();
    this.queues.clear();
    this.outstanding = 0;
    this.wakeIdle();
  }

  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length && !this.abort.signal.aborted) {
      const { event } = queue[0];
      const delivered = await this.deliver(event);
      if (this.abort.signal.aborted) return;
      queue.shift();
      this.options.onSettled(event, delivered);
      this.outstanding--;
      if (this.outstanding === 0) this.wakeIdle();
    }
    this.queues.delete(key);
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** All attempts for one event; true when one got a 2xx. */
  private async deliver(event: Stripe.Event): Promise<boolean> {
    const payload = JSON.stringify(event, null, 2);
    const total = this.options.retryDelaysMs.length + 1;
    for (let attempt = 1; attempt <= total; attempt++) {
      const url = this.options.url;
      if (!url) return false;
      const result = await this.attempt(url, payload);
      if (this.abort.signal.aborted) return false;
      const history = this.attempts.get(event.id) ?? [];
      history.push(result);
      this.attempts.set(event.id, history);
      const outcome = result.status !== undefined ? String(result.status) : result.error;
      if (result.status !== undefined && result.status >= 200 && result.status < 300) {
        this.options.log(`webhook ${event.type} ${event.id} → ${outcome} (attempt ${attempt})`);
        return true;
      }
      if (attempt === total) {
        this.options.log(`webhook ${event.type} ${event.id} → ${outcome}; gave up after ${total} attempts`);
        return false;
      }
      const wait = this.options.retryDelaysMs[attempt - 1];
      this.options.log(`webhook ${event.type} ${event.id} → ${outcome}; retrying in ${wait} ms (attempt ${attempt}/${total})`);
      await sleep(wait, this.abort.signal);
      if (this.abort.signal.aborted) return false;
    }
    return false;
  }

  private async attempt(url: string, payload: string): Promise<DeliveryAttempt> {
    const started = Date.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          "Stripe-Signature": signatureHeader(payload, this.options.secret),
        },
        body: payload,
        // Stripe treats a redirect as a failed delivery; so does the emulator.
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.abort.signal]),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { at: started, status: response.status, durationMs: Date.now() - started };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = (error as Error).name;
      const reason = name === "TimeoutError" ? `timeout after ${this.options.timeoutMs} ms` : (cause ?? (error as Error).message);
      return { at: started, error: reason, durationMs: Date.now() - started };
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
