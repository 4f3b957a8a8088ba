import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatAmount, fromMajorUnits, parseAmount } from "@/lib/money";
import { computeCharge, splitTrial } from "@/lib/rating/charge";
import {
  CHANNELS,
  CHANNEL_UNIT,
  COUNTED_CHANNELS,
  DIRECTIONS,
  OUTCOMES,
  TIMED_CHANNELS,
  isChannel,
  isTimedChannel,
  usesTrialCredit,
  type Channel,
  type TimedChannel,
} from "@/lib/rating/channels";

const perMinute = (price: string, billingIncrementSeconds = 60) => ({
  unitPrice: parseAmount(price),
  billingIncrementSeconds,
});

const call = (durationSeconds: number, price: { unitPrice: bigint; billingIncrementSeconds: number }, channel: TimedChannel = "whatsapp_call") =>
  computeCharge({ channel, direction: "outbound", durationSeconds }, price);

describe("channels", () => {
  it("splits the six channels into timed and counted", () => {
    expect(CHANNELS).toHaveLength(6);
    expect([...TIMED_CHANNELS, ...COUNTED_CHANNELS].sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS.filter(isTimedChannel)).toEqual(["voice_call", "whatsapp_call", "ai_voice"]);
    for (const channel of TIMED_CHANNELS) expect(CHANNEL_UNIT[channel]).toBe("minute");
    expect(CHANNEL_UNIT.sms).toBe("segment");
    expect(isChannel("whatsapp_call")).toBe(true);
    expect(isChannel("fax")).toBe(false);
    expect(isChannel(undefined)).toBe(false);
  });

  it("only outbound WhatsApp calls use trial credit", () => {
    for (const channel of CHANNELS) {
      for (const direction of DIRECTIONS) {
        expect(usesTrialCredit(channel, direction)).toBe(channel === "whatsapp_call" && direction === "outbound");
      }
    }
  });
});

describe("computeCharge — timed channels", () => {
  it("every started increment counts: 61 s at $0.10/min bills 120 s = $0.200000", () => {
    const charge = call(61, perMinute("0.10"));
    expect(charge).toEqual({ amount: 200_000n, billedQuantity: null, billedSeconds: 120 });
    expect(formatAmount(charge.amount)).toBe("0.200000");
  });

  it("3 minutes at $0.10/min is the API example's 0.300000", () => {
    expect(formatAmount(call(180, perMinute("0.10")).amount)).toBe("0.300000");
  });

  it("$1.00 of trial is 10 minutes at $0.10/min (R8)", () => {
    expect(call(600, perMinute("0.10")).amount).toBe(fromMajorUnits(1));
    expect(call(601, perMinute("0.10")).amount).toBe(1_100_000n); // the 11th minute has started
  });

  it("prices exactly at a 1-second increment", () => {
    expect(call(90, perMinute("0.10", 1))).toEqual({ amount: 150_000n, billedQuantity: null, billedSeconds: 90 });
    expect(call(7, perMinute("0.06", 1)).amount).toBe(7_000n);
    expect(call(61, perMinute("0.10", 1)).amount).toBe(101_667n); // 101 666.67 rounds up
    expect(call(1, perMinute("0.000030", 1)).amount).toBe(1n); // exactly half a micro-unit rounds up
    expect(call(1, perMinute("0.000029", 1)).amount).toBe(0n);
  });

  it("other increments", () => {
    expect(call(31, perMinute("0.10", 30))).toMatchObject({ amount: 100_000n, billedSeconds: 60 });
    expect(call(30, perMinute("0.10", 30))).toMatchObject({ amount: 50_000n, billedSeconds: 30 });
    expect(call(1, perMinute("0.10", 6))).toMatchObject({ amount: 10_000n, billedSeconds: 6 });
  });

  it("defaults to a 60-second increment when the price has none", () => {
    const charge = computeCharge({ channel: "voice_call", direction: "outbound", durationSeconds: 1 }, { unitPrice: 100_000n });
    expect(charge).toMatchObject({ amount: 100_000n, billedSeconds: 60 });
  });

  it("INR: 125 s at ₹0.75/min bills 3 minutes = ₹2.250000", () => {
    expect(formatAmount(call(125, perMinute("0.75"), "ai_voice").amount)).toBe("2.250000");
  });

  it("INR: an hour of voice at ₹1.20/min is ₹72.000000", () => {
    expect(formatAmount(call(3600, perMinute("1.20"), "voice_call").amount)).toBe("72.000000");
  });

  it("a call that does not connect costs nothing and bills no time (R7)", () => {
    for (const outcome of ["busy", "no_answer", "failed"] as const) {
      const charge = computeCharge({ channel: "whatsapp_call", direction: "outbound", durationSeconds: 42, outcome }, perMinute("0.10"));
      expect(charge).toEqual({ amount: 0n, billedQuantity: null, billedSeconds: 0 });
    }
  });

  it("inbound WhatsApp calls are free even if the price book says otherwise (R2)", () => {
    const charge = computeCharge({ channel: "whatsapp_call", direction: "inbound", durationSeconds: 300 }, perMinute("0.10"));
    expect(charge).toEqual({ amount: 0n, billedQuantity: null, billedSeconds: 300 });
  });

  it("inbound voice calls follow the price book", () => {
    const charge = computeCharge({ channel: "voice_call", direction: "inbound", durationSeconds: 60 }, perMinute("0.02"));
    expect(charge.amount).toBe(20_000n);
  });

  it("rejects impossible inputs", () => {
    const price = perMinute("0.10");
    expect(() => computeCharge({ channel: "voice_call", direction: "outbound" }, price)).toThrow(RangeError);
    expect(() => call(-1, price)).toThrow(RangeError);
    expect(() => call(1.5, price)).toThrow(RangeError);
    expect(() => call(60, perMinute("0.10", 0))).toThrow(RangeError);
    expect(() => call(60, { unitPrice: -1n, billingIncrementSeconds: 60 })).toThrow(RangeError);
  });
});

describe("computeCharge — counted channels", () => {
  it("quantity × unit price, exact at sub-cent prices", () => {
    const sms = computeCharge({ channel: "sms", direction: "outbound", quantity: 3 }, { unitPrice: parseAmount("0.0079") });
    expect(sms).toEqual({ amount: 23_700n, billedQuantity: 3, billedSeconds: null });
    expect(formatAmount(sms.amount)).toBe("0.023700");
  });

  it("defaults to one unit and ignores duration and outcome", () => {
    const charge = computeCharge(
      { channel: "whatsapp", direction: "outbound", durationSeconds: 999, outcome: "failed" },
      { unitPrice: parseAmount("0.0147"), billingIncrementSeconds: null },
    );
    expect(charge).toEqual({ amount: 14_700n, billedQuantity: 1, billedSeconds: null });
  });

  it("INR: 10 000 SMS segments at ₹0.25 is ₹2500.000000", () => {
    const charge = computeCharge({ channel: "sms", direction: "outbound", quantity: 10_000 }, { unitPrice: parseAmount("0.25") });
    expect(formatAmount(charge.amount)).toBe("2500.000000");
  });

  it("rejects fractional or negative quantities", () => {
    expect(() => computeCharge({ channel: "email", direction: "outbound", quantity: 0.5 }, { unitPrice: 1n })).toThrow(RangeError);
    expect(() => computeCharge({ channel: "email", direction: "outbound", quantity: -1 }, { unitPrice: 1n })).toThrow(RangeError);
  });
});

describe("computeCharge — properties", () => {
  const timed = fc.constantFrom(...TIMED_CHANNELS);
  const unitPrice = fc.bigInt({ min: 0n, max: 1_000_000_000n }); // up to 1000 units a minute
  const increment = fc.integer({ min: 1, max: 3600 });
  const seconds = fc.integer({ min: 0, max: 86_400 });

  it("is monotonic in duration", () => {
    fc.assert(
      fc.property(timed, unitPrice, increment, seconds, seconds, (channel, price, step, d1, d2) => {
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const p = { unitPrice: price, billingIncrementSeconds: step };
        const a = computeCharge({ channel, direction: "outbound", durationSeconds: short }, p);
        const b = computeCharge({ channel, direction: "outbound", durationSeconds: long }, p);
        expect(a.amount <= b.amount).toBe(true);
      }),
    );
  });

  it("bills whole increments covering the call, at most one increment more", () => {
    fc.assert(
      fc.property(timed, unitPrice, increment, seconds, (channel, price, step, duration) => {
        const { billedSeconds, amount } = computeCharge(
          { channel, direction: "outbound", durationSeconds: duration },
          { unitPrice: price, billingIncrementSeconds: step },
        );
        expect(billedSeconds! % step).toBe(0);
        expect(billedSeconds! >= duration && billedSeconds! < duration + step).toBe(true);
        // amount is billed minutes × price to the nearest micro-unit, ties rounded up.
        const twiceError = 2n * (amount * 60n - BigInt(billedSeconds!) * price);
        expect(twiceError > -60n && twiceError <= 60n).toBe(true);
      }),
    );
  });

  it("a 0-second or unconnected call costs 0", () => {
    fc.assert(
      fc.property(timed, fc.constantFrom(...DIRECTIONS), unitPrice, increment, seconds, fc.constantFrom(...OUTCOMES), (channel, direction, price, step, duration, outcome) => {
        const p = { unitPrice: price, billingIncrementSeconds: step };
        expect(computeCharge({ channel, direction, durationSeconds: 0 }, p).amount).toBe(0n);
        const charge = computeCharge({ channel, direction, durationSeconds: duration, outcome }, p);
        if (outcome !== "connected") expect(charge).toEqual({ amount: 0n, billedQuantity: null, billedSeconds: 0 });
      }),
    );
  });

  it("a 1-second increment charges duration × price / 60 exactly when that is whole", () => {
    fc.assert(
      fc.property(timed, fc.bigInt({ min: 0n, max: 10_000_000n }), seconds, (channel, perSecond, duration) => {
        const charge = computeCharge(
          { channel, direction: "outbound", durationSeconds: duration },
          { unitPrice: perSecond * 60n, billingIncrementSeconds: 1 },
        );
        expect(charge.amount).toBe(perSecond * BigInt(duration));
      }),
    );
  });

  it("counted channels charge quantity × unit price exactly", () => {
    fc.assert(
      fc.property(fc.constantFrom(...COUNTED_CHANNELS), unitPrice, fc.integer({ min: 1, max: 10_000 }), (channel, price, quantity) => {
        const charge = computeCharge({ channel, direction: "outbound", quantity }, { unitPrice: price });
        expect(charge).toEqual({ amount: price * BigInt(quantity), billedQuantity: quantity, billedSeconds: null });
      }),
    );
  });
});

describe("splitTrial", () => {
  it("spends trial first on outbound WhatsApp calls", () => {
    expect(splitTrial(300_000n, 1_000_000n, "whatsapp_call", "outbound")).toEqual({ fromTrial: 300_000n, fromPaid: 0n });
    expect(splitTrial(1_100_000n, 1_000_000n, "whatsapp_call", "outbound")).toEqual({ fromTrial: 1_000_000n, fromPaid: 100_000n });
    expect(splitTrial(1_000_000n, 1_000_000n, "whatsapp_call", "outbound")).toEqual({ fromTrial: 1_000_000n, fromPaid: 0n });
  });

  it("never touches trial for other channels or inbound calls", () => {
    expect(splitTrial(300_000n, 1_000_000n, "voice_call", "outbound")).toEqual({ fromTrial: 0n, fromPaid: 300_000n });
    expect(splitTrial(300_000n, 1_000_000n, "whatsapp_call", "inbound")).toEqual({ fromTrial: 0n, fromPaid: 300_000n });
    expect(splitTrial(7_900n, 1_000_000n, "sms", "outbound")).toEqual({ fromTrial: 0n, fromPaid: 7_900n });
  });

  it("with no trial left, everything falls on the paid balance (which may go negative, R4)", () => {
    expect(splitTrial(5_000_000n, 0n, "whatsapp_call", "outbound")).toEqual({ fromTrial: 0n, fromPaid: 5_000_000n });
    expect(splitTrial(5_000_000n, -1n, "whatsapp_call", "outbound")).toEqual({ fromTrial: 0n, fromPaid: 5_000_000n });
  });

  it("rejects a negative charge", () => {
    expect(() => splitTrial(-1n, 0n, "whatsapp_call", "outbound")).toThrow(RangeError);
  });

  it("always adds up, trial first, trial never below zero", () => {
    const micros = fc.bigInt({ min: 0n, max: 10n ** 12n });
    fc.assert(
      fc.property(micros, fc.bigInt({ min: -(10n ** 6n), max: 10n ** 12n }), fc.constantFrom<Channel>(...CHANNELS), fc.constantFrom(...DIRECTIONS), (charge, trial, channel, direction) => {
        const { fromTrial, fromPaid } = splitTrial(charge, trial, channel, direction);
        expect(fromTrial + fromPaid).toBe(charge);
        expect(fromTrial >= 0n && fromPaid >= 0n).toBe(true);
        const available = trial > 0n ? trial : 0n;
        expect(fromTrial <= available).toBe(true);
        if (!usesTrialCredit(channel, direction)) expect(fromTrial).toBe(0n);
        else if (fromPaid > 0n) expect(fromTrial).toBe(available); // trial exhausted before paid
      }),
    );
  });
});
