import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { saveAutoRecharge } from "@/lib/auto-recharge/settings";
import { systemAudit } from "@/lib/audit/record";
import { configureWhatsappApi, removeWhatsappApi, whatsappApiSchema } from "@/lib/channels/whatsapp-api";
import { db } from "@/lib/db";
import { adjustBalance } from "@/lib/ledger/adjust";
import { getOnboardingView, recordOnboardingVisit, setOnboardingDismissed } from "@/lib/onboarding/progress";
import { createStaff, createWorkspaceWithPeople } from "@/prisma/factories";
import { api, workspaceWithKey } from "@/test/helpers/api";

beforeEach(() => resetRateLimits());

const addCard = (workspaceId: string) =>
  db.paymentMethod.create({
    data: { workspaceId, stripePaymentMethodId: `pm_${randomBytes(6).toString("hex")}`, brand: "visa", last4: "4242", expMonth: 12, expYear: 2040, funding: "credit", isDefault: true },
  });
const whatsapp = { phoneNumber: "+34 600 123 456", phoneNumberId: "106540352242922", businessAccountId: "102290129340398" };
const as = (userId: string, role: "OWNER" | "BILLING_ADMIN" | "MEMBER" = "OWNER") => ({ userId, role, impersonation: null });
const by = (role: "OWNER" | "BILLING_ADMIN" | "MEMBER") => ({ role, impersonation: null });
const doneSteps = async (workspaceId: string, userId: string) =>
  (await getOnboardingView(workspaceId, as(userId)))!.progress.steps.filter((step) => step.done).map((step) => step.id);

describe("the walkthrough reads the workspace's real state", () => {
  it("walks 0 → 5 of 5 as the things become true, and says 'done' once per person", async () => {
    const { workspace, owner, billingAdmin } = await createWorkspaceWithPeople();
    expect(await doneSteps(workspace.id, owner.id)).toEqual([]);

    // Step 1: a member opening the wallet does not count; the owner does, once.
    expect(await recordOnboardingVisit(workspace.id, by("MEMBER"), "wallet")).toBe(false);
    expect(await doneSteps(workspace.id, owner.id)).toEqual([]);
    expect(await recordOnboardingVisit(workspace.id, by("OWNER"), "wallet")).toBe(true);
    expect(await recordOnboardingVisit(workspace.id, by("BILLING_ADMIN"), "wallet")).toBe(false);
    expect(await doneSteps(workspace.id, owner.id)).toEqual(["openWallet"]);

    await addCard(workspace.id);
    await adjustBalance(workspace.id, 50_000_000n, "funds", { type: "system" }); // above the threshold: no charge
    await saveAutoRecharge(workspace.id, { enabled: true, threshold: 5_000_000n, amount: 25_000_000n, monthlyCap: 500_000_000n, paymentMethodId: null });
    expect(await doneSteps(workspace.id, owner.id)).toEqual(["openWallet", "addPaymentMethod", "autoRecharge"]);

    expect(await recordOnboardingVisit(workspace.id, by("BILLING_ADMIN"), "usage")).toBe(true);
    await configureWhatsappApi(workspace.id, whatsapp, systemAudit(workspace.id));
    const first = await getOnboardingView(workspace.id, as(owner.id, "OWNER"));
    expect(first).toMatchObject({ progress: { doneCount: 5, complete: true }, justCompleted: true, visible: true });
    // The next page for the owner says nothing; the billing admin is told once too.
    expect(await getOnboardingView(workspace.id, as(owner.id, "OWNER"))).toMatchObject({ justCompleted: false, visible: false });
    expect(await getOnboardingView(workspace.id, as(billingAdmin!.id, "BILLING_ADMIN"))).toMatchObject({ justCompleted: true });

    // Auto-recharge switched off again: the step is open again, and the walkthrough is back.
    await saveAutoRecharge(workspace.id, { enabled: false, threshold: 5_000_000n, amount: 25_000_000n, monthlyCap: 500_000_000n, paymentMethodId: null });
    expect(await getOnboardingView(workspace.id, as(owner.id, "OWNER"))).toMatchObject({ progress: { doneCount: 4, next: "autoRecharge" }, visible: true });
  });

  it("members never see it; hiding is per person and comes back", async () => {
    const { workspace, owner, billingAdmin, member } = await createWorkspaceWithPeople();
    expect(await getOnboardingView(workspace.id, as(member!.id, "MEMBER"))).toBeNull();
    await setOnboardingDismissed(workspace.id, owner.id, true, systemAudit(workspace.id));
    expect(await getOnboardingView(workspace.id, as(owner.id, "OWNER"))).toMatchObject({ dismissed: true, visible: false });
    expect(await getOnboardingView(workspace.id, as(billingAdmin!.id, "BILLING_ADMIN"))).toMatchObject({ dismissed: false, visible: true });
    await setOnboardingDismissed(workspace.id, owner.id, false, systemAudit(workspace.id));
    expect(await getOnboardingView(workspace.id, as(owner.id, "OWNER"))).toMatchObject({ dismissed: false, visible: true });
  });

  it("support staff viewing see what the owner sees, and change nothing by looking", async () => {
    const { workspace, owner } = await createWorkspaceWithPeople();
    const staff = await createStaff({ role: "SUPPORT" });
    const viewing = { userId: staff.id, role: "OWNER" as const, impersonation: { id: "00000000-0000-7000-8000-000000000001" } };
    await recordOnboardingVisit(workspace.id, by("OWNER"), "wallet");
    expect(await recordOnboardingVisit(workspace.id, viewing, "usage")).toBe(false);
    expect(await getOnboardingView(workspace.id, viewing)).toMatchObject({ progress: { doneCount: 1 }, visible: true, canHide: false, justCompleted: false });
    expect(await doneSteps(workspace.id, owner.id)).toEqual(["openWallet"]);
    // Without viewing it, staff (no membership) read nothing.
    expect(await getOnboardingView(workspace.id, { ...viewing, impersonation: null })).toBeNull();
  });

  it("hiding and bringing back are audited, once per change", async () => {
    const { workspace, owner } = await createWorkspaceWithPeople();
    const audit = { ...systemAudit(workspace.id), actor: { type: "user" as const, id: owner.id, email: owner.email } };
    await setOnboardingDismissed(workspace.id, owner.id, true, audit);
    await setOnboardingDismissed(workspace.id, owner.id, true, audit);
    await setOnboardingDismissed(workspace.id, owner.id, false, audit);
    const rows = await db.auditEvent.findMany({ where: { workspaceId: workspace.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.action, row.actorId])).toEqual([
      ["onboarding.dismissed", owner.id],
      ["onboarding.resumed", owner.id],
    ]);
  });

  it("a visit is recorded in its own workspace only", async () => {
    const a = await createWorkspaceWithPeople();
    const b = await createWorkspaceWithPeople();
    await recordOnboardingVisit(a.workspace.id, by("OWNER"), "usage");
    expect(await doneSteps(a.workspace.id, a.owner.id)).toEqual(["checkBalance"]);
    expect(await doneSteps(b.workspace.id, b.owner.id)).toEqual([]);
    // Someone else's membership reads nothing.
    expect(await getOnboardingView(a.workspace.id, as(b.owner.id, "OWNER"))).toBeNull();
  });
});

describe("WhatsApp API setup (R13)", () => {
  it("validates the number (E.164) and Meta's ids; what passes is storable", () => {
    const parse = (input: Partial<typeof whatsapp>) => whatsappApiSchema.safeParse({ ...whatsapp, ...input });
    expect(parse({}).data).toEqual({ phoneNumber: "+34600123456", phoneNumberId: "106540352242922", businessAccountId: "102290129340398" });
    expect(parse({ phoneNumber: "(+1) 415-555-0100" }).data?.phoneNumber).toBe("+14155550100");
    const messages = (input: Partial<typeof whatsapp>) => parse(input).error?.issues.map((issue) => issue.message);
    for (const phoneNumber of ["600123456", "+0600123456", "+3460", "+3460012345678901", "+34 600 abc 456", "+34600\u0000123", "+34600\ud800123"]) {
      expect(messages({ phoneNumber }), phoneNumber).toBeDefined();
    }
    expect(messages({ phoneNumber: "600123456" })).toEqual(["whatsapp_phone_invalid"]);
    for (const id of ["12345", "1234567890123456789012", "10654035224292a", "", "1065403522\u00004292"]) {
      expect(messages({ phoneNumberId: id }), id).toBeDefined();
      expect(messages({ businessAccountId: id }), id).toBeDefined();
    }
    expect(messages({ phoneNumberId: "12345" })).toEqual(["whatsapp_id_invalid"]);
    expect(messages({ phoneNumber: "x".repeat(40) })?.[0]).toMatch(/at most 32/);
  });

  it("saving makes WhatsApp messages active for authorize; editing keeps it; removing stops it", async () => {
    const { key, workspaceId } = await workspaceWithKey();
    await adjustBalance(workspaceId, 1_000_000n, "funds", { type: "system" });
    const authorize = async () => (await api("POST", "/api/v1/authorize", { key, body: { channel: "whatsapp" } })).body;
    expect(await authorize()).toMatchObject({ allowed: false, reason: "channel_disabled" });

    const saved = await configureWhatsappApi(workspaceId, whatsapp, systemAudit(workspaceId));
    expect(saved).toMatchObject({ phoneNumber: "+34600123456" });
    expect(await authorize()).toMatchObject({ allowed: true });

    const edited = await configureWhatsappApi(workspaceId, { ...whatsapp, phoneNumber: "+34 611 000 111" }, systemAudit(workspaceId));
    expect(edited).toMatchObject({ phoneNumber: "+34611000111", configuredAt: saved.configuredAt });

    await expect(configureWhatsappApi(workspaceId, { ...whatsapp, phoneNumberId: "abc" }, systemAudit(workspaceId))).rejects.toMatchObject({ code: "invalid_field", field: "phoneNumberId" });
    expect((await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).whatsappPhoneNumber).toBe("+34611000111");

    await removeWhatsappApi(workspaceId, systemAudit(workspaceId));
    await removeWhatsappApi(workspaceId, systemAudit(workspaceId)); // nothing left to remove: no second row
    const audited = await db.auditEvent.findMany({ where: { workspaceId, action: { startsWith: "whatsapp_api." } }, orderBy: { createdAt: "asc" } });
    expect(audited.map((row) => row.action)).toEqual(["whatsapp_api.configured", "whatsapp_api.configured", "whatsapp_api.removed"]);
    expect(audited[1].changes).toEqual({ phoneNumber: { from: "+34600123456", to: "+34611000111" } });
    expect(await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } })).toMatchObject({
      whatsappApiConfiguredAt: null,
      whatsappPhoneNumber: null,
      whatsappPhoneNumberId: null,
      whatsappBusinessAccountId: null,
    });
    expect(await authorize()).toMatchObject({ allowed: false, reason: "channel_disabled" });
  });

  it("the database refuses details without the configured flag", async () => {
    const { workspace } = await createWorkspaceWithPeople();
    await expect(db.workspace.update({ where: { id: workspace.id }, data: { whatsappPhoneNumber: "+34600123456" } })).rejects.toThrow(/whatsapp_api_details_check/);
  });
});
