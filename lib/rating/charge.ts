import { type Micros, mulDivRoundHalfUp, multiplyByQuantity } from "@/lib/money";
import { type Channel, type Direction, type Outcome, isTimedChannel, usesTrialCredit } from "./channels";

/** R1: when the price book names no increment, every started minute counts. */
export const DEFAULT_BILLING_INCREMENT_SECONDS = 60;

/** The price-book row in force when the event occurred (timed prices are per minute). */
export interface ChargePrice {
  unitPrice: Micros;
  billingIncrementSeconds?: number | null;
}

export interface ChargeInput {
  channel: Channel;
  direction: Direction;
  /** Counted channels: messages, segments or e-mails (default 1). Ignored for timed channels. */
  quantity?: number;
  /** Timed channels: connected seconds. Required for them, ignored for counted ones. */
  durationSeconds?: number;
  /** Timed channels only (default `connected`). */
  outcome?: Outcome;
}

export interface Charge {
  /** Micro-units, ≥ 0. */
  amount: Micros;
  /** Counted channels: the quantity charged; `null` for timed channels. */
  billedQuantity: number | null;
  /** Timed channels: seconds charged, rounded up to whole increments (0 if not connected); `null` for counted. */
  billedSeconds: number | null;
}

/**
 * The charge of one usage event (API.md): `quantity × unitPrice` for counted channels;
 * `ceil(duration / increment) × increment / 60 × unitPrice` for connected timed calls, else 0;
 * rounded half-up to whole micro-units. Inbound WhatsApp calls are free whatever the price book
 * says (R2), so a mistyped price cannot bill them.
 */
export function computeCharge(input: ChargeInput, price: ChargePrice): Charge {
  const { channel, direction } = input;
  if (price.unitPrice < 0n) throw new RangeError(`unit price must not be negative, got ${price.unitPrice}`);
  const unitPrice = channel === "whatsapp_call" && direction === "inbound" ? 0n : price.unitPrice;

  if (!isTimedChannel(channel)) {
    const quantity = input.quantity ?? 1;
    requireNonNegativeInteger(quantity, "quantity");
    return { amount: multiplyByQuantity(unitPrice, quantity), billedQuantity: quantity, billedSeconds: null };
  }

  const duration = input.durationSeconds;
  if (duration === undefined) throw new RangeError(`durationSeconds is required for ${channel}`);
  requireNonNegativeInteger(duration, "durationSeconds");
  const increment = price.billingIncrementSeconds ?? DEFAULT_BILLING_INCREMENT_SECONDS;
  if (!Number.isSafeInteger(increment) || increment <= 0) {
    throw new RangeError(`billingIncrementSeconds must be a positive integer, got ${increment}`);
  }

  if ((input.outcome ?? "connected") !== "connected") return { amount: 0n, billedQuantity: null, billedSeconds: 0 };
  // Integer ceiling: every started increment counts, with no float division on the way.
  const step = BigInt(increment);
  const billed = ((BigInt(duration) + step - 1n) / step) * step;
  return { amount: mulDivRoundHalfUp(billed, unitPrice, 60n), billedQuantity: null, billedSeconds: Number(billed) };
}

export interface TrialSplit {
  fromTrial: Micros;
  fromPaid: Micros;
}

/**
 * Which part of a charge trial credit pays: only outbound WhatsApp calls spend it, trial first,
 * never taking trial below zero. The rest falls on the paid balance, which may go negative (R4),
 * so `fromPaid` is never capped. Call it with the trial balance read under the wallet's lock.
 */
export function splitTrial(charge: Micros, trialBalance: Micros, channel: Channel, direction: Direction): TrialSplit {
  if (charge < 0n) throw new RangeError(`charge must not be negative, got ${charge}`);
  if (!usesTrialCredit(channel, direction) || trialBalance <= 0n) return { fromTrial: 0n, fromPaid: charge };
  const fromTrial = charge < trialBalance ? charge : trialBalance;
  return { fromTrial, fromPaid: charge - fromTrial };
}

function requireNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
}
