import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db, type Prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { MailMessage } from "@/lib/generated/prisma/client";
import { getOwnerEmail } from "@/lib/workspaces/members";
import { mailLocale, type MailContent, type MailLocale } from "./templates";

// Every e-mail is first a MailMessage row — the record of what was sent, and locally (no
// SMTP_URL) the outbox a developer browses — and then, when SMTP_URL is set, delivered with
// nodemailer. A delivery failure is stored on the row rather than thrown: an e-mail must never
// undo or block the payment or ledger change that caused it.

export * from "./templates";

export type MailInput = {
  workspaceId?: string | null;
  /** receipt | auto_recharge_failed | auto_recharge_disabled | auto_recharge_succeeded | low_balance | weekly_summary … */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
};

export type MailResult = { id: string; sent: boolean; error: string | null };

/** Stores the message and, with SMTP configured, sends it now. */
export async function sendMail(input: MailInput): Promise<MailResult> {
  const id = await queueMail(db, input);
  return deliverMail(id);
}

/**
 * Stores the message only, in the caller's transaction (an outbox row committed together with
 * the change it reports). Call `deliverMail(id)` after the commit.
 */
export async function queueMail(tx: Prisma.TransactionClient, input: MailInput): Promise<string> {
  const row = await tx.mailMessage.create({
    data: {
      workspaceId: input.workspaceId ?? null,
      kind: input.kind.slice(0, 48),
      to: input.to,
      subject: input.subject.slice(0, 300),
      text: input.text,
      html: input.html ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/** Sends a stored message through SMTP when SMTP_URL is set; without it the outbox keeps it. */
export async function deliverMail(id: string): Promise<MailResult> {
  const transport = smtpTransport();
  if (!transport) return { id, sent: false, error: null };
  const message = await db.mailMessage.findUniqueOrThrow({ where: { id } });
  if (message.sentAt) return { id, sent: true, error: null };
  try {
    await transport.sendMail({
      from: env().MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? undefined,
    });
    await db.mailMessage.update({ where: { id }, data: { sentAt: new Date(), error: null } });
    return { id, sent: true, error: null };
  } catch (error) {
    const text = ((error as Error).message || String(error)).slice(0, 1000);
    console.error(`Mail ${id} (${message.kind}) to ${message.to} not sent: ${text}`);
    await db.mailMessage.update({ where: { id }, data: { error: text } });
    return { id, sent: false, error: text };
  }
}

const transports = new Map<string, Transporter>();

function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

/** Where a workspace's receipts and alerts go: its billing e-mail, else its first owner's. */
export async function mailRecipient(workspaceId: string, client: Prisma.TransactionClient = db): Promise<string | null> {
  const workspace = await client.workspace.findUnique({ where: { id: workspaceId }, select: { billingEmail: true } });
  if (!workspace) return null;
  return workspace.billingEmail?.trim() || (await getOwnerEmail(workspaceId, client));
}

export type MailContext = {
  workspaceId: string;
  /** null when the workspace has neither a billing e-mail nor an owner: nothing to send. */
  to: string | null;
  locale: MailLocale;
  workspaceName: string;
  currency: "USD" | "INR";
  timeZone: string;
  walletUrl: string;
  /** Billing settings, where the low-balance alert is set. */
  settingsUrl: string;
  usageUrl: string;
};

/**
 * What every workspace e-mail needs: recipient, language, names and links. Inside a transaction
 * pass its client: waiting for a second pool connection while holding a lock can deadlock.
 */
export async function mailContext(workspaceId: string, client: Prisma.TransactionClient = db): Promise<MailContext> {
  const workspace = await client.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { name: true, slug: true, locale: true, currency: true, timeZone: true },
  });
  return {
    workspaceId,
    to: await mailRecipient(workspaceId, client),
    locale: mailLocale(workspace.locale),
    workspaceName: workspace.name,
    currency: workspace.currency,
    timeZone: workspace.timeZone,
    walletUrl: walletUrl(workspace.slug),
    settingsUrl: `${appUrl()}/${encodeURIComponent(workspace.slug)}/settings/billing`,
    usageUrl: `${appUrl()}/${encodeURIComponent(workspace.slug)}/settings/billing/usage`,
  };
}

/**
 * Builds a workspace e-mail from its context and sends it, e.g.
 * `sendWorkspaceMail(id, "auto_recharge_failed", (ctx) => autoRechargeFailedMail({ ...ctx, amount, card, reason, failures, willRetry }))`.
 * Returns null when the workspace has nobody to write to.
 */
export async function sendWorkspaceMail(
  workspaceId: string,
  kind: string,
  build: (context: MailContext) => MailContent,
): Promise<MailResult | null> {
  const context = await mailContext(workspaceId);
  if (!context.to) return null;
  return sendMail({ workspaceId, kind, to: context.to, ...build(context) });
}

/** The public URL of the app (NEXTAUTH_URL, as next-auth uses), for links in e-mails. */
export function appUrl(): string {
  return env().NEXTAUTH_URL.replace(/\/$/, "");
}

export function walletUrl(slug: string): string {
  return `${appUrl()}/${encodeURIComponent(slug)}/settings/billing/wallet`;
}

/** The newest messages, for the local outbox page (optionally one workspace's). */
export async function listOutbox(take = 50, workspaceId?: string): Promise<MailMessage[]> {
  return db.mailMessage.findMany({
    where: workspaceId ? { workspaceId } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(take, 1), 500),
  });
}
