import { describe, expect, it } from "vitest";
import { walletStatus } from "@/lib/wallet/status";

const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));
const of = (paid: number, trial = 0, alert: number | null = null, whatsappCallingEnabled = true) =>
  walletStatus({ paid: usd(paid), trial: usd(trial), callMinimum: usd(10), alertThreshold: alert === null ? null : usd(alert), whatsappCallingEnabled });
const status = (...args: Parameters<typeof of>) => of(...args).status;
const outbound = (...args: Parameters<typeof of>) => of(...args).outbound;

describe("walletStatus: the worst thing true of the wallet", () => {
  it("negative, then empty, then trial only (R4, R5, R8)", () => {
    expect(status(-0.01, 1)).toBe("negative");
    expect(status(0)).toBe("empty");
    expect(status(0, 1)).toBe("trial_only");
  });

  it("below the call minimum whenever the paid balance is, trial credit or not (R3)", () => {
    expect(status(9.99)).toBe("below_call_minimum");
    expect(status(9.99, 0.5)).toBe("below_call_minimum");
    expect(status(10)).toBe("healthy");
  });

  it("below the owner's alert, counting trial credit, once everything else is fine", () => {
    expect(status(20, 0, 25)).toBe("below_alert");
    expect(status(24.5, 0.5, 25)).toBe("healthy");
    expect(status(9, 0, 25)).toBe("below_call_minimum");
  });
});

describe("walletStatus: what may start, as authorize decides (R3, R5, R8)", () => {
  it("everything from the call minimum up", () => {
    expect(outbound(10)).toBe("all");
    expect(outbound(20, 0, 25)).toBe("all");
  });

  it("below the minimum, trial credit keeps WhatsApp calls going while calling is on", () => {
    expect(outbound(9.99, 0.5)).toBe("messages_whatsapp_trial");
    expect(outbound(0, 1)).toBe("messages_whatsapp_trial");
    expect(outbound(9.99, 0.5, null, false)).toBe("messages");
    expect(outbound(9.99)).toBe("messages");
  });

  it("with the available balance at or below zero, messages stop; trial credit still pays WhatsApp calls", () => {
    expect(outbound(-5, 1)).toBe("whatsapp_trial");
    expect(outbound(-1, 1)).toBe("whatsapp_trial");
    expect(outbound(-0.5, 1)).toBe("messages_whatsapp_trial");
    expect(outbound(-5, 1, null, false)).toBe("none");
    expect(outbound(0)).toBe("none");
    expect(outbound(-0.01)).toBe("none");
  });
});
