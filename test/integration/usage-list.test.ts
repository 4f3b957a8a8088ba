import { describe, expect, it } from "vitest";
import { adjustBalance } from "@/lib/ledger/adjust";
import { filterFromSearch, listUsage, startOfDayIn, usageTotals } from "@/lib/usage/list";
import { api, workspaceWithKey } from "@/test/helpers/api";

describe("startOfDayIn", () => {
  it("finds midnight in the workspace's zone, across offsets and DST", () => {
    expect(startOfDayIn("2026-11-01", "UTC").toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(startOfDayIn("2026-11-01", "Asia/Kolkata").toISOString()).toBe("2026-10-31T18:30:00.000Z");
    expect(startOfDayIn("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z"); // EDT until 2 am
    expect(startOfDayIn("2026-11-02", "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z"); // EST
    expect(startOfDayIn("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
  });

  it("makes the 'to' day inclusive", () => {
    const filter = filterFromSearch({ from: "2026-11-01", to: "2026-11-01" }, "Asia/Kolkata");
    expect(filter.from!.toISOString()).toBe("2026-10-31T18:30:00.000Z");
    expect(filter.to!.toISOString()).toBe("2026-11-01T18:30:00.000Z");
  });
});

describe("listUsage and usageTotals", () => {
  it("filter by channel, direction, outcome, source and dates, with totals per channel", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await adjustBalance(workspaceId, 100_000_000n, "test funds", { type: "system" });
    // Noon (UTC) on three recent days: events may be reported up to 35 days late.
    const first = new Date(Math.floor(Date.now() / 86_400_000 - 4) * 86_400_000);
    const at = (day: number) => new Date(first.getTime() + (day - 1) * 86_400_000 + 12 * 3_600_000).toISOString();
    const day2 = at(2).slice(0, 10);
    await api("POST", "/api/v1/usage-events", {
      key,
      body: {
        events: [
          { id: "a", channel: "sms", quantity: 2, occurredAt: at(1), source: { type: "campaign", id: "c1" } },
          { id: "b", channel: "sms", occurredAt: at(2), source: { type: "conversation", id: "x" } },
          { id: "c", channel: "voice_call", durationSeconds: 90, occurredAt: at(2) },
          { id: "d", channel: "voice_call", durationSeconds: 30, outcome: "busy", occurredAt: at(3) },
          { id: "e", channel: "voice_call", direction: "inbound", durationSeconds: 60, occurredAt: at(3) },
        ],
      },
    });
    const ids = async (filter: object) => (await listUsage(workspaceId, { limit: 100, ...filter })).data.map((e) => e.externalId);
    expect(await ids({ channel: "sms" })).toEqual(["b", "a"]);
    expect(await ids({ source: "campaign" })).toEqual(["a"]);
    expect(await ids({ outcome: "busy" })).toEqual(["d"]);
    expect(await ids({ direction: "inbound" })).toEqual(["e"]);
    expect(await ids(filterFromSearch({ from: day2, to: day2 }, "UTC"))).toEqual(expect.arrayContaining(["b", "c"]));
    expect((await ids(filterFromSearch({ from: day2, to: day2 }, "UTC"))).length).toBe(2);

    const totals = await usageTotals(workspaceId, {});
    const sms = totals.find((t) => t.channel === "sms")!;
    const voice = totals.find((t) => t.channel === "voice_call")!;
    expect(sms).toMatchObject({ events: 2, quantity: 3, charge: 23_700n });
    // 90 s bills two minutes outbound (0.028); busy costs 0; inbound 60 s at 0.0085.
    expect(voice).toMatchObject({ events: 3, seconds: 180, charge: 28_000n + 8_500n });
  });

  it("never returns another workspace's events", async () => {
    const a = await workspaceWithKey();
    const b = await workspaceWithKey();
    await api("POST", "/api/v1/usage-events", { key: a.key, body: { id: "only-a", channel: "email" } });
    expect((await listUsage(b.workspaceId, { limit: 10 })).data).toHaveLength(0);
    expect(await usageTotals(b.workspaceId, {})).toEqual([]);
  });
});
