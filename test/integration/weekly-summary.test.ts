// The weekly summary e-mail (R14): one per local week from Monday 09:00, last week's figures
// only, this workspace's only, in its language; owners can turn it off.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { adjustBalance } from "@/lib/ledger/adjust";
import { postEntry } from "@/lib/ledger/post";
import { sendDueWeeklySummaries, sendWeeklySummary } from "@/lib/mail/weekly-summary";
import { ingestUsage } from "@/lib/usage/ingest";
import { parseUsageEvents } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

afterAll(() => stopBoss());

const staff = { type: "staff" as const, id: "test" };
const api = { type: "api_key" as const, id: "test" };
// Monday 30 November 2026 in New York (UTC−5): the summary covers 23–29 November.
const MONDAY_10AM = new Date("2026-11-30T15:00:00Z");
const MONDAY_8AM = new Date("2026-11-30T13:00:00Z");
const NEXT_MONDAY_10AM = new Date("2026-12-07T15:00:00Z");
const LAST_WEEK = "2026-11-25T15:00:00Z";
const TWO_WEEKS_AGO = "2026-11-20T15:00:00Z";

async function oldWorkspace(options: { locale?: "en" | "es" } = {}) {
  const people = await createWorkspaceWithPeople({ billingAdmin: false, member: false, locale: options.locale });
  await db.workspace.update({ where: { id: people.workspace.id }, data: { createdAt: new Date("2026-10-01T00:00:00Z") } });
  await adjustBalance(people.workspace.id, 50_000_000n, "test funds", staff);
  return people;
}

const summaries = (workspaceId: string) => db.mailMessage.findMany({ where: { workspaceId, kind: "weekly_summary" }, orderBy: { createdAt: "asc" } });

describe("weekly summary", () => {
  it("sums last week's usage per channel and the funds added, and states the balance now", async () => {
    const { workspace, owner } = await oldWorkspace();
    const other = await oldWorkspace();
    await ingestUsage(
      workspace.id,
      parseUsageEvents({
        events: [
          { id: "sms-1", channel: "sms", quantity: 100, occurredAt: LAST_WEEK }, // $0.79
          { id: "call-1", channel: "voice_call", durationSeconds: 600, occurredAt: LAST_WEEK }, // $0.14
          { id: "old-1", channel: "sms", quantity: 1000, occurredAt: TWO_WEEKS_AGO }, // not last week
        ],
      }, MONDAY_10AM),
      api,
    );
    await ingestUsage(other.workspace.id, parseUsageEvents({ id: "theirs", channel: "ai_voice", durationSeconds: 600, occurredAt: LAST_WEEK }, MONDAY_10AM), api);
    await postEntry(workspace.id, { kind: "TOP_UP", bucket: "PAID", amount: 25_000_000n, idempotencyKey: "top-up-1", actor: staff });
    await db.ledgerEntry.updateMany({ where: { workspaceId: workspace.id, kind: "TOP_UP" }, data: { createdAt: new Date(LAST_WEEK) } });

    expect(await sendWeeklySummary(workspace.id, MONDAY_10AM)).toBe(true);
    const [mail] = await summaries(workspace.id);
    // 50 + 25 − 0.79 − 0.14 − 7.90 (the old SMS) = 66.17
    expect(mail).toMatchObject({ to: owner.email, subject: "Your week on Saldo: $0.93 spent, $66.17 left" });
    expect(mail.text).toMatch(new RegExp(`${workspace.name}'s usage, November 23\\s–\\s29:`)); // Intl's thin spaces
    expect(mail.text).toContain("SMS: $0.79\nVoice calls: $0.14\nTotal spent: $0.93\nFunds added: $25.00\nAvailable balance now: $66.17");
    expect(mail.text).not.toContain("AI voice bot");
    expect(mail.text).toContain(`/${workspace.slug}/settings/billing/usage`);
    const [job] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'mail.deliver' AND data->>'mailId' = ${mail.id}`;
    expect(job.n).toBe(1n);
  });

  it("the week is the workspace's local Monday to Sunday, to the minute (summed from the daily rollups)", async () => {
    const { workspace } = await oldWorkspace();
    const sms = (id: string, occurredAt: string) => ({ id, channel: "sms" as const, quantity: 1, occurredAt });
    await ingestUsage(
      workspace.id,
      parseUsageEvents({
        events: [
          sms("before", "2026-11-23T04:50:00Z"), // Sunday 22 November, 23:50 in New York: the week before
          sms("first", "2026-11-23T05:10:00Z"), // Monday 23 November, 00:10: in
          sms("last", "2026-11-30T04:30:00Z"), // Sunday 29 November, 23:30: in
          sms("after", "2026-11-30T05:30:00Z"), // Monday 30 November, 00:30: this week
        ],
      }, MONDAY_10AM),
      api,
    );
    expect(await sendWeeklySummary(workspace.id, MONDAY_10AM)).toBe(true);
    const [mail] = await summaries(workspace.id);
    expect(mail.text).toContain("SMS: $0.0158\nTotal spent: $0.0158"); // 2 × $0.0079, shown exactly
  });

  it("goes out once per local week, from Monday 09:00", async () => {
    const { workspace } = await oldWorkspace();
    expect(await sendWeeklySummary(workspace.id, MONDAY_8AM)).toBe(false);
    expect(await sendWeeklySummary(workspace.id, MONDAY_10AM)).toBe(true);
    expect(await sendWeeklySummary(workspace.id, new Date("2026-12-02T15:00:00Z"))).toBe(false); // Wednesday, same week
    expect(await sendWeeklySummary(workspace.id, NEXT_MONDAY_10AM)).toBe(true);
    expect(await summaries(workspace.id)).toHaveLength(2);
  });

  it("a quiet week still says so, in Spanish for a Spanish workspace", async () => {
    const { workspace } = await oldWorkspace({ locale: "es" });
    expect(await sendWeeklySummary(workspace.id, MONDAY_10AM)).toBe(true);
    const [mail] = await summaries(workspace.id);
    expect(mail.subject).toMatch(/^Tu semana en Saldo: 0,00\sUS\$ consumidos, saldo 50,00\sUS\$$/);
    expect(mail.text).toMatch(new RegExp(`${workspace.name} no tuvo consumo \\(23\\s?–\\s?29 de noviembre\\)\\.`));
    expect(mail.text).toContain("Puedes desactivarlo en Ajustes de facturación");
  });

  it("the sweep sends to due workspaces only: not to one that turned it off, nor one created this week", async () => {
    const due = await oldWorkspace();
    const optedOut = await oldWorkspace();
    await db.workspace.update({ where: { id: optedOut.workspace.id }, data: { weeklySummaryEnabled: false } });
    const brandNew = await createWorkspaceWithPeople({ billingAdmin: false, member: false });
    await db.workspace.update({ where: { id: brandNew.workspace.id }, data: { createdAt: new Date("2026-11-30T14:00:00Z") } });

    await sendDueWeeklySummaries(MONDAY_10AM);
    expect(await summaries(due.workspace.id)).toHaveLength(1);
    expect(await summaries(optedOut.workspace.id)).toHaveLength(0);
    expect(await summaries(brandNew.workspace.id)).toHaveLength(0);
    // Two sweeps at once (two app processes) write it once.
    await Promise.all([sendDueWeeklySummaries(NEXT_MONDAY_10AM), sendDueWeeklySummaries(NEXT_MONDAY_10AM)]);
    expect(await summaries(due.workspace.id)).toHaveLength(2);
  });

  it("is scheduled every hour", async () => {
    expect(await startWorkers()).toBe(true);
    const boss = await getBoss();
    expect(await boss.getSchedules("mail.weekly-summaries")).toMatchObject([{ cron: "5 * * * *", timezone: "UTC" }]);
  });
});
