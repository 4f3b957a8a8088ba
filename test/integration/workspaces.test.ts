import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { COUNTRY_CODES, defaultTimeZone } from "@/lib/workspaces/countries";
import { createWorkspace } from "@/lib/workspaces/create";

const owner = (email: string) => ({ email, name: "Ana Owner", password: "correct horse battery" });

describe("createWorkspace", () => {
  it("creates the workspace, its wallet and its owner; India pays in INR", async () => {
    const { workspace, owner: user } = await createWorkspace({
      name: "Tienda Mumbai",
      country: "in",
      timeZone: "Asia/Kolkata",
      locale: "en",
      owner: owner("ANA@example.com"),
    });
    expect(workspace.currency).toBe("INR");
    expect(workspace.slug).toBe("tienda-mumbai");
    expect(user.email).toBe("ana@example.com");
    const wallet = await db.wallet.findUniqueOrThrow({ where: { workspaceId: workspace.id } });
    expect(wallet).toMatchObject({ currency: "INR", paidBalance: 0n, trialBalance: 0n });
    const membership = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id } });
    expect(membership).toMatchObject({ userId: user.id, role: "OWNER" });
  });

  it("uses USD outside India and picks a free slug", async () => {
    const first = await createWorkspace({ name: "Acme", country: "US", timeZone: "UTC", locale: "en", owner: owner("a@x.io") });
    const second = await createWorkspace({ name: "Acme", country: "ES", timeZone: "Europe/Madrid", locale: "es", owner: owner("b@x.io") });
    expect(first.workspace.currency).toBe("USD");
    expect(second.workspace.currency).toBe("USD");
    expect(second.workspace.slug).toBe("acme-2");
  });

  it("without a time zone, takes the country's main one; PostgreSQL knows every such zone", async () => {
    const { workspace } = await createWorkspace({ name: "Hola Madrid", country: "ES", locale: "es", owner: owner("madrid@example.com") });
    expect(workspace.timeZone).toBe("Europe/Madrid");
    // Workspace dates are computed in SQL (AT TIME ZONE): a zone only Intl knows would fail there.
    const zones = [...new Set(COUNTRY_CODES.map(defaultTimeZone))];
    const unknown = await db.$queryRaw<{ zone: string }[]>`
      SELECT zone FROM unnest(${zones}::text[]) AS zone WHERE zone NOT IN (SELECT name FROM pg_timezone_names)`;
    expect(unknown).toEqual([]);
  });

  it("refuses names PostgreSQL cannot store (a NUL, a lone surrogate) and writes nothing", async () => {
    await expect(createWorkspace({ name: "Ac\u0000me", country: "US", locale: "en", owner: owner("nul@x.io") })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["name"], message: "unstorable_text" })],
    });
    await expect(
      createWorkspace({ name: "Acme", country: "US", locale: "en", owner: { ...owner("surrogate@x.io"), name: "Ana \ud800" } }),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["owner", "name"], message: "unstorable_text" })] });
    expect(await db.user.count({ where: { email: { in: ["nul@x.io", "surrogate@x.io"] } } })).toBe(0);
  });

  it("refuses a taken e-mail and writes nothing", async () => {
    await createWorkspace({ name: "One", country: "US", timeZone: "UTC", locale: "en", owner: owner("dup@x.io") });
    await expect(
      createWorkspace({ name: "Two", country: "US", timeZone: "UTC", locale: "en", owner: owner("Dup@x.io") }),
    ).rejects.toMatchObject({ code: "email_taken" });
    expect(await db.workspace.count({ where: { name: "Two" } })).toBe(0);
  });

  it("reports a taken slug as slug_taken, also when two sign-ups race for it", async () => {
    const input = (email: string) => ({ name: "Race", slug: "race-co", country: "US", timeZone: "UTC", locale: "en" as const, owner: owner(email) });
    const results = await Promise.allSettled([createWorkspace(input("r1@x.io")), createWorkspace(input("r2@x.io"))]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: "slug_taken" });
    await expect(createWorkspace(input("r3@x.io"))).rejects.toMatchObject({ code: "slug_taken" });
  });
});
