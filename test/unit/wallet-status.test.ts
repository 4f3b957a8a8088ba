import { describe, expect, it } from "vitest";
import { walletStatus } from "@/components/billing/wallet-status";

const usd = (dollars: number) => BigInt(Math.round(dollars * 1_000_000));
const status = (paid: number, trial = 0, alert: number | null = null) =>
  walletStatus({ paid: usd(paid), trial: usd(trial), callMinimum: usd(10), alertThreshold: alert === null ? null : usd(alert) });

describe("walletStatus: the worst thing true of the wallet", () => {
  it("negative, then empty, then trial only (R4, R5, R8)", () => {
    expect(status(-0.01, 1)).toBe("negative");
    expect(status(0)).toBe("empty");
    expect(status(0, 1)).toBe("trial_only");
  });

  it("below the call minimum only without trial credit to start WhatsApp calls with (R3)", () => {
    expect(status(9.99)).toBe("below_call_minimum");
    expect(status(9.99, 0.5)).toBe("healthy");
    expect(status(10)).toBe("healthy");
  });

  it("below the owner's alert, counting trial credit, once everything else is fine", () => {
    expect(status(20, 0, 25)).toBe("below_alert");
    expect(status(24.5, 0.5, 25)).toBe("healthy");
    expect(status(9, 0, 25)).toBe("below_call_minimum");
  });
});
