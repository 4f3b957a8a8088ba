// The foundation of the support console (issue 10): the permission check a staff member viewing
// a workspace goes through, the impersonation's life on the server, and the audit trail's one
// writer and append-only table — all against the real PostgreSQL.
import { describe, expect, it } from "vitest";
import { recordAudit, systemAudit } from "@/lib/audit/record";
import { activeImpersonation, startImpersonation, stopImpersonation } from "@/lib/auth/impersonation";
import { PERMISSIONS, type Permission } from "@/lib/auth/roles";
import { authorizeWorkspace, type CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createStaff, createWorkspaceWithPeople } from "@/prisma/factories";
import { codeOf } from "@/test/helpers/errors";

const request = { ip: "203.0.113.7", userAgent: "vitest" };
const REASON = "Customer asked why calls are paused";

function asCurrent(user: { id: string; email: string; name: string; locale: string | null; platformRole: CurrentUser["platformRole"] }): CurrentUser {
  return { id: user.id, email: user.email, name: user.name, locale: user.locale, platformRole: user.platformRole };
}

async function setup() {
  const people = await createWorkspaceWithPeople();
  const staff = asCurrent(await createStaff({ role: "SUPPORT" }));
  return { ...people, staff };
}

async function asStaff(staff: CurrentUser, slug: string, permission: Permission, now = new Date()) {
  const impersonation = await activeImpersonation(staff, request, now);
  return authorizeWorkspace(staff, slug, permission, request, impersonation);
}

const auditRows = (workspaceId: string) => db.auditEvent.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" } });

describe("the permission check while a staff member views a workspace", () => {
  const money: Permission[] = ["moveMoney"];
  const access: Permission[] = ["grantAccess"];
  const allowed: Permission[] = ["viewBilling", "manageSettings", "manageWorkspace"];

  it("lists every permission in exactly one of the three groups", () => {
    expect([...money, ...access, ...allowed].sort()).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it("refuses money and lasting access with their own codes, and allows the rest as the owner", async () => {
    const { workspace, staff } = await setup();
    await startImpersonation(staff, workspace.id, REASON, request);
    for (const permission of money) expect(await codeOf(asStaff(staff, workspace.slug, permission))).toBe("viewing_refuses_money");
    for (const permission of access) expect(await codeOf(asStaff(staff, workspace.slug, permission))).toBe("viewing_refuses_access");
    for (const permission of allowed) {
      const context = await asStaff(staff, workspace.slug, permission);
      expect(context.role).toBe("OWNER");
      expect(context.audit).toMatchObject({ actor: { type: "staff", id: staff.id }, workspaceId: workspace.id, impersonationId: context.impersonation!.id, ip: "203.0.113.7" });
    }
  });

  it("still lets the workspace's own owner and billing admin move money", async () => {
    const { workspace, owner, billingAdmin, member } = await setup();
    const ownerContext = await authorizeWorkspace(asCurrent(owner), workspace.slug, "moveMoney", request, null);
    expect(ownerContext.audit).toMatchObject({ actor: { type: "user", id: owner.id }, impersonationId: null });
    await authorizeWorkspace(asCurrent(billingAdmin!), workspace.slug, "moveMoney", request, null);
    expect(await codeOf(authorizeWorkspace(asCurrent(member!), workspace.slug, "moveMoney", request, null))).toBe("forbidden");
  });

  it("gives staff without an impersonation, or viewing another workspace, nothing (not found)", async () => {
    const { workspace, staff } = await setup();
    const other = await createWorkspaceWithPeople();
    expect(await codeOf(asStaff(staff, workspace.slug, "viewBilling"))).toBe("not_found");
    await startImpersonation(staff, other.workspace.id, REASON, request);
    expect(await codeOf(asStaff(staff, workspace.slug, "viewBilling"))).toBe("not_found");
  });
});

describe("an impersonation's life", () => {
  it("needs a reason of 10 to 500 characters and a staff member", async () => {
    const { workspace, staff, owner } = await setup();
    expect(await codeOf(startImpersonation(staff, workspace.id, "too short", request))).toBe("invalid_field");
    expect(await codeOf(startImpersonation(staff, workspace.id, "x".repeat(501), request))).toBe("invalid_field");
    // A workspace owner calling the start directly is told there is nothing there.
    expect(await codeOf(startImpersonation(asCurrent(owner), workspace.id, REASON, request))).toBe("not_found");
    expect(await db.impersonation.count({ where: { workspaceId: workspace.id } })).toBe(0);
    expect(await auditRows(workspace.id)).toEqual([]);
  });

  it("lasts 30 minutes, and an expired one grants nothing and is audited exactly once", async () => {
    const { workspace, staff } = await setup();
    const started = await startImpersonation(staff, workspace.id, REASON, request);
    expect(started.expiresAt.getTime() - started.startedAt.getTime()).toBe(30 * 60_000);
    const later = new Date(started.expiresAt.getTime() + 1000);
    // Three requests notice the expiry at once: one closes it.
    const seen = await Promise.all([1, 2, 3].map(() => activeImpersonation(staff, request, later)));
    expect(seen).toEqual([null, null, null]);
    expect(await codeOf(asStaff(staff, workspace.slug, "viewBilling", later))).toBe("not_found");
    const row = await db.impersonation.findUniqueOrThrow({ where: { id: started.id } });
    expect(row).toMatchObject({ endReason: "expired", endedAt: started.expiresAt, endedById: null });
    expect((await auditRows(workspace.id)).map((event) => event.action)).toEqual(["impersonation.started", "impersonation.expired"]);
  });

  it("ends with Stop viewing, and a second one ends the first", async () => {
    const { workspace, staff } = await setup();
    const other = await createWorkspaceWithPeople();
    const first = await startImpersonation(staff, workspace.id, REASON, request);
    const second = await startImpersonation(staff, other.workspace.id, REASON, request);
    expect(await db.impersonation.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ endReason: "replaced", endedById: staff.id });
    expect((await activeImpersonation(staff, request))?.id).toBe(second.id);
    expect(await stopImpersonation(staff, request)).toBe(true);
    expect(await stopImpersonation(staff, request)).toBe(false);
    expect(await activeImpersonation(staff, request)).toBeNull();
    expect(await codeOf(asStaff(staff, other.workspace.slug, "viewBilling"))).toBe("not_found");
    expect((await auditRows(workspace.id)).map((event) => event.action)).toEqual(["impersonation.started", "impersonation.replaced"]);
    const otherRows = await auditRows(other.workspace.id);
    expect(otherRows.map((event) => event.action)).toEqual(["impersonation.started", "impersonation.stopped"]);
    expect(otherRows[0]).toMatchObject({ actorType: "staff", actorId: staff.id, actorEmail: staff.email, impersonationId: second.id, reason: REASON, ip: "203.0.113.7", userAgent: "vitest" });
  });

  it("the database refuses a second open impersonation and one longer than 30 minutes", async () => {
    const { workspace, staff } = await setup();
    await startImpersonation(staff, workspace.id, REASON, request);
    await expect(db.impersonation.create({ data: { staffUserId: staff.id, workspaceId: workspace.id, reason: REASON, expiresAt: new Date(Date.now() + 60_000) } })).rejects.toThrow();
    await stopImpersonation(staff, request);
    await expect(db.impersonation.create({ data: { staffUserId: staff.id, workspaceId: workspace.id, reason: REASON, expiresAt: new Date(Date.now() + 31 * 60_000) } })).rejects.toThrow();
  });
});

describe("the audit trail", () => {
  it("is append-only in PostgreSQL itself: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const { workspace } = await setup();
    await recordAudit(db, systemAudit(workspace.id), { action: "card.added", target: "pm_1", changes: { amount: 5_000_000n } });
    await expect(db.auditEvent.updateMany({ data: { action: "card.removed" } })).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    const [row] = await auditRows(workspace.id);
    expect(row).toMatchObject({ action: "card.added", actorType: "system", changes: { amount: "5000000" } });
  });

  it("commits with the change it records, and a rolled-back change leaves no row", async () => {
    const { workspace } = await setup();
    await expect(
      db.$transaction(async (tx) => {
        await tx.workspace.update({ where: { id: workspace.id }, data: { billingEmail: "billing@example.com" } });
        await recordAudit(tx, systemAudit(workspace.id), { action: "billing_settings.updated" });
        throw new Error("the change fails after its row was written");
      }),
    ).rejects.toThrow("the change fails");
    expect(await auditRows(workspace.id)).toEqual([]);
  });

  it("stores what PostgreSQL would refuse from a request: NUL bytes, lone surrogates, long user agents", async () => {
    const { workspace } = await setup();
    await recordAudit(db, { ...systemAudit(workspace.id), userAgent: `a\u0000b${"x".repeat(600)}`, ip: "::1" }, { action: "card.added", reason: "bad \ud800 text" });
    const [row] = await auditRows(workspace.id);
    expect(row.userAgent).toHaveLength(500);
    expect(row.userAgent!.startsWith("ab")).toBe(true);
    expect(row.reason).toBe("bad \ufffd text");
  });
});
