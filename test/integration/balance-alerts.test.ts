// Low-balance and "calls paused" e-mails (PRODUCT.md, Notifications): written in the transaction
// that crossed the line, once per crossing, at most once a day, to the right workspace only.
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/worker";
import { setWhatsappCalling } from "@/lib/channels/whatsapp-calling";
import { adjustBalance } from "@/lib/ledger/adjust";
import { crossedAlerts, queueBalanceAlerts } from "@/lib/mail/balance-alerts";
import { ingestUsage } from "@/lib/usage/ingest";
import { parseUsageEvents } from "@/lib/usage/schema";
import { createWorkspaceWithPeople } from "@/prisma/factories";

const staff = { type: "staff" as const, id: "test" };
const api = { type: "api_key" as const, id: "test" };
let eventCount = 0;

afterAll(() => stopBoss());

async function fundedWorkspace(options: { locale?: "en" | "es"; alert?: bigint | null; funds: bigint }) {
  const people = await createWorkspaceWithPeople({ billingAdmin: false, member: false, locale: options.locale });
  await db.workspace.update({ where: { id: people.workspace.id }, data: { lowBalanceAlertThreshold: options.alert ?? null } });
  await adjustBalance(people.workspace.id, options.funds, "test funds", staff);
  return people;
}

/** Sends `count` one-segment outbound SMS ($0.0079 each on the default USD price book). */
function sms(workspaceId: string, count: number) {
  const events = Array.from({ length: count }, () => ({ id: `sms-${++eventCount}`, channel: "sms" }));
  return ingestUsage(workspaceId, parseUsageEvents({ events }), api);
}

/** An outbound voice call of `minutes` connected minutes ($0.014/min by default). */
function call(workspaceId: string, minutes: number) {
  return ingestUsage(workspaceId, parseUsageEvents({ id: `call-${++eventCount}`, channel: "voice_call", durationSeconds: minutes * 60 }), api);
}

const mails = (workspaceId: string) =>
  db.mailMessage.findMany({ where: { workspaceId, kind: { in: ["low_balance", "calls_paused"] } }, orderBy: { createdAt: "asc" } });

describe("balance alerts", () => {
  it("crossedAlerts: only a line crossed going down, and nothing when a recharge started", () => {
    const base = { workspaceId: "w", alertThreshold: 5_000_000n, callMinimum: 10_000_000n, rechargeStarted: false };
    expect(crossedAlerts({ ...base, before: 5_000_000n, after: 4_999_999n, paidBefore: 5_000_000n, paidAfter: 4_999_999n })).toEqual(["low_balance"]);
    expect(crossedAlerts({ ...base, before: 4_000_000n, after: 3_000_000n, paidBefore: 4_000_000n, paidAfter: 3_000_000n })).toEqual([]);
    expect(crossedAlerts({ ...base, before: 12_000_000n, after: 4_000_000n, paidBefore: 12_000_000n, paidAfter: 4_000_000n })).toEqual([
      "low_balance",
      "calls_paused",
    ]);
    expect(crossedAlerts({ ...base, before: 12_000_000n, after: 4_000_000n, paidBefore: 12_000_000n, paidAfter: 4_000_000n, rechargeStarted: true })).toEqual([]);
    expect(crossedAlerts({ ...base, alertThreshold: null, before: 6_000_000n, after: 4_000_000n, paidBefore: 6_000_000n, paidAfter: 4_000_000n })).toEqual([]);
  });

  it("usage that takes the balance below the owner's alert writes one e-mail, with the figures, to the owner", async () => {
    const { workspace, owner } = await fundedWorkspace({ alert: 5_000_000n, funds: 5_010_000n });
    await sms(workspace.id, 1); // 5.0100 → 5.0021: above
    expect(await mails(workspace.id)).toHaveLength(0);
    await sms(workspace.id, 1); // → 4.9942: crossed
    await sms(workspace.id, 3); // further down: no new crossing
    const [mail, ...rest] = await mails(workspace.id);
    expect(rest).toHaveLength(0);
    expect(mail).toMatchObject({ kind: "low_balance", to: owner.email, subject: `Low balance for ${workspace.name}: $4.9942` });
    expect(mail.text).toContain("fell below $5.00, the alert you set");
    expect(mail.text).toContain(`/${workspace.slug}/settings/billing/wallet`);
    // Its delivery is queued with it (pg-boss, same transaction).
    const [job] = await db.$queryRaw<{ data: { mailId: string } }[]>`SELECT data FROM pgboss.job WHERE name = 'mail.deliver' AND data->>'mailId' = ${mail.id}`;
    expect(job.data.mailId).toBe(mail.id);
  });

  it("writes at most once a day, however often the balance dips and recovers", async () => {
    const { workspace } = await fundedWorkspace({ alert: 5_000_000n, funds: 5_005_000n });
    await sms(workspace.id, 1); // crossed
    await adjustBalance(workspace.id, 1_000_000n, "top up", staff);
    await sms(workspace.id, 200); // crossed again the same day
    expect(await mails(workspace.id)).toHaveLength(1);

    await db.mailMessage.updateMany({ where: { workspaceId: workspace.id }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });
    await adjustBalance(workspace.id, 1_000_000n, "top up", staff);
    await sms(workspace.id, 200);
    expect(await mails(workspace.id)).toHaveLength(2);
  });

  it("no alert set, or no line crossed: nothing is written", async () => {
    const { workspace } = await fundedWorkspace({ alert: null, funds: 1_000_000n });
    await sms(workspace.id, 200);
    expect(await mails(workspace.id)).toHaveLength(0);
  });

  it("calls paused: in Spanish, only to a workspace that places calls, and only its own", async () => {
    const caller = await fundedWorkspace({ locale: "es", funds: 10_020_000n });
    const texter = await fundedWorkspace({ funds: 10_020_000n });
    await call(caller.workspace.id, 2); // 10.020 → 9.992: below the $10 minimum
    await sms(texter.workspace.id, 5); // 10.020 → 9.9805: below, but it never calls
    const [paused, ...rest] = await mails(caller.workspace.id);
    expect(rest).toHaveLength(0);
    expect(paused).toMatchObject({ kind: "calls_paused", subject: `Llamadas salientes en pausa en ${caller.workspace.name}` });
    expect(paused.text).toContain("se rechazarán");
    expect(paused.text).toMatch(/\(9,992\sUS\$\) está por debajo de 10,00\sUS\$/); // \s: Intl puts a no-break space
    expect(await mails(texter.workspace.id)).toHaveLength(0);
  });

  it("calls paused with trial credit left: says WhatsApp calls go on with it (R3, R8), in English and Spanish", async () => {
    for (const locale of ["en", "es"] as const) {
      const caller = await fundedWorkspace({ locale, funds: 10_020_000n });
      await setWhatsappCalling(caller.workspace.id, true, staff); // $1.00 of trial credit
      await call(caller.workspace.id, 2); // paid 10.020 → 9.992; trial credit untouched (it pays WhatsApp calls only)
      const [paused, ...rest] = await mails(caller.workspace.id);
      expect(rest).toHaveLength(0);
      const name = caller.workspace.name;
      if (locale === "en") {
        expect(paused.subject).toBe(`Voice and AI voice bot calls paused for ${name}`);
        expect(paused.text).toContain("so new voice calls and AI voice bot calls will be refused.");
        expect(paused.text).toMatch(/WhatsApp calls go on with the trial credit \(\$1\.00 left\) until it runs out\./);
        expect(paused.text).toContain("messages keep going out");
        expect(paused.text).not.toContain("new outbound calls will be refused");
      } else {
        expect(paused.subject).toBe(`Llamadas de voz y del bot de voz con IA en pausa en ${name}`);
        expect(paused.text).toContain("así que se rechazarán las nuevas llamadas de voz y del bot de voz con IA.");
        expect(paused.text).toMatch(/Las llamadas de WhatsApp siguen con el crédito de prueba \(quedan 1,00\sUS\$\) hasta que se agote\./);
      }
    }
  });

  it("calls paused with trial credit but WhatsApp calling off, or a call that takes the balance below zero: says what is true", async () => {
    const switchedOff = await fundedWorkspace({ funds: 10_020_000n });
    await setWhatsappCalling(switchedOff.workspace.id, true, staff);
    await setWhatsappCalling(switchedOff.workspace.id, false, staff); // the trial credit stays, but pays nothing now
    await call(switchedOff.workspace.id, 2);
    const [off] = await mails(switchedOff.workspace.id);
    expect(off.subject).toBe(`Outbound calls paused for ${switchedOff.workspace.name}`);
    expect(off.text).toContain("so new outbound calls will be refused.");
    expect(off.text).not.toContain("WhatsApp calls go on");

    const longCall = await fundedWorkspace({ funds: 10_020_000n });
    await call(longCall.workspace.id, 800); // $11.20: paid 10.020 → -1.18, messages stop too (R4, R5)
    const [negative] = await mails(longCall.workspace.id);
    expect(negative.subject).toBe(`Outbound calls paused for ${longCall.workspace.name}`);
    expect(negative.text).toContain("Calls in progress are not cut off, but new messages can’t start either.");
    expect(negative.text).not.toContain("messages keep going out");
  });

  it("a change that rolls back takes its e-mail with it", async () => {
    const { workspace } = await fundedWorkspace({ alert: 5_000_000n, funds: 6_000_000n });
    await expect(
      db.$transaction(async (tx) => {
        await queueBalanceAlerts(tx, {
          workspaceId: workspace.id,
          before: 6_000_000n,
          after: 4_000_000n,
          paidBefore: 6_000_000n,
          paidAfter: 4_000_000n,
          alertThreshold: 5_000_000n,
          callMinimum: 10_000_000n,
          rechargeStarted: false,
        });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await mails(workspace.id)).toHaveLength(0);
  });

  it("the mail.deliver job sends the alert through SMTP once committed", async () => {
    const smtp = await fakeSmtpServer();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    try {
      expect(await startWorkers()).toBe(true);
      const { workspace, owner } = await fundedWorkspace({ alert: 5_000_000n, funds: 5_005_000n });
      await sms(workspace.id, 1);
      const deadline = Date.now() + 20_000;
      let sent = null;
      while (!sent && Date.now() < deadline) {
        sent = await db.mailMessage.findFirst({ where: { workspaceId: workspace.id, kind: "low_balance", sentAt: { not: null } } });
        if (!sent) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(sent).not.toBeNull();
      // The earlier tests' queued alerts go out too, once a worker runs; this one exactly once.
      const ours = smtp.messages.filter((message) => message.includes(`To: ${owner.email}`));
      expect(ours).toHaveLength(1);
      expect(ours[0]).toContain(`Subject: Low balance for ${workspace.name}`);
    } finally {
      delete process.env.SMTP_URL;
      await stopBoss();
      smtp.close();
    }
  });
});

/** Just enough SMTP to accept messages: what each DATA section held, headers included. */
async function fakeSmtpServer() {
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let data: string | null = null;
    let buffered = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffered += chunk.toString();
      let end;
      while ((end = buffered.indexOf("\r\n")) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (data !== null) {
          if (line === ".") {
            messages.push(data);
            data = null;
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write("250 fake\r\n");
        else if (/^DATA/i.test(line)) {
          data = "";
          socket.write("354 go ahead\r\n");
        } else if (/^QUIT/i.test(line)) socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as net.AddressInfo).port, messages, close: () => server.close() };
}
