// The emulator's memory: every Stripe object it created, keyed by id, plus the few private facts
// Stripe keeps about them that are not part of the public object (which test card a
// PaymentMethod came from, whether it was set up for off-session use, an intent's return_url).
//
// Optionally the whole state is written to a JSON file (debounced, atomically via rename) and read
// back on start, so restarting `npm run dev` keeps customers, cards and history. Events still
// waiting for webhook delivery (pending_webhooks > 0) are delivered after a restart.

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { writeFile, rename } from "node:fs/promises";
import path from "node:path";
import type Stripe from "stripe";

export interface PaymentMethodRecord {
  object: Stripe.PaymentMethod;
  /** The test token it was made from (`pm_card_visa`): decides every outcome. */
  token: string;
  /**
   * Went through a successful SetupIntent (or a payment with setup_future_usage) for off-session
   * use: cards that authenticate "unless set up" then pay off-session without the cardholder.
   */
  setUpForOffSession: boolean;
  /**
   * Stripe refuses to reuse a PaymentMethod that was detached, or that was used for a payment
   * without being attached to a customer.
   */
  reusable: boolean;
}

export interface SetupIntentRecord {
  object: Stripe.SetupIntent;
  returnUrl: string | null;
}

export interface PaymentIntentRecord {
  object: Stripe.PaymentIntent;
  returnUrl: string | null;
  /** The last confirmation was off-session (decides 3-D Secure outcomes). */
  offSession: boolean;
}

export interface StateData {
  version: 1;
  customers: Record<string, Stripe.Customer>;
  paymentMethods: Record<string, PaymentMethodRecord>;
  setupIntents: Record<string, SetupIntentRecord>;
  paymentIntents: Record<string, PaymentIntentRecord>;
  charges: Record<string, Stripe.Charge>;
  refunds: Record<string, Stripe.Refund>;
  disputes: Record<string, Stripe.Dispute>;
  /** Oldest first. */
  events: Stripe.Event[];
}

export function emptyState(): StateData {
  return {
    version: 1,
    customers: {},
    paymentMethods: {},
    setupIntents: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    disputes: {},
    events: [],
  };
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-looking id: prefix, underscore, 24 random base62 characters. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

export function now(): number {
  return Math.floor(Date.now() / 1000);
}

/** Deep copy through JSON: objects are plain data, and events must hold snapshots. */
export function snapshot<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Loads, holds and saves the state. */
export class Store {
  data: StateData;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string | undefined,
    private readonly log: (line: string) => void,
  ) {
    this.data = file ? this.load(file) : emptyState();
  }

  private load(file: string): StateData {
    if (!existsSync(file)) return emptyState();
    try {
      const parsed = JSON.parse(readFileSync(file, "utf8")) as StateData;
      if (parsed.version !== 1) throw new Error(`unknown state version ${String(parsed.version)}`);
      return { ...emptyState(), ...parsed };
    } catch (error) {
      // A broken file must not stop local development: keep it aside for inspection, start empty.
      const aside = `${file}.broken-${Date.now()}`;
      renameSync(file, aside);
      this.log(`state file ${file} could not be read (${(error as Error).message}); moved to ${aside}, starting empty`);
      return emptyState();
    }
  }

  /** Schedules a write of the state file (no-op without one). Called after every change. */
  changed(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      const file = this.file!;
      const json = JSON.stringify(this.data);
      this.saving = this.saving.then(async () => {
        try {
          mkdirSync(path.dirname(file), { recursive: true });
          const temporary = `${file}.${process.pid}.tmp`;
          await writeFile(temporary, json);
          await rename(temporary, file);
        } catch (error) {
          this.log(`could not save state to ${file}: ${(error as Error).message}`);
        }
      });
    }, 50);
  }

  /** Writes the state now (on stop), after any write in progress. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    await this.saving;
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.data));
    renameSync(temporary, this.file);
  }

  /** Any stored object by id, whatever its kind (used by `expand` and the receipt page). */
  lookup(id: string): { object: string; value: unknown } | undefined {
    const d = this.data;
    const found =
      d.customers[id] ??
      d.paymentMethods[id]?.object ??
      d.setupIntents[id]?.object ??
      d.paymentIntents[id]?.object ??
      d.charges[id] ??
      d.refunds[id] ??
      d.disputes[id];
    return found ? { object: (found as { object: string }).object, value: found } : undefined;
  }
}
