// The product's e-mails, in English and Spanish (the workspace's locale picks). Pure functions:
// they build subject, plain text and HTML from values, so they are easy to test and reuse.
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import { formatMoney, type Currency } from "@/lib/money";
import type { Channel } from "@/lib/rating/channels";

export type MailLocale = "en" | "es";
export type MailContent = { subject: string; text: string; html: string };
export type CardLabel = { brand: string; last4: string } | null | undefined;

/** The e-mail language for a workspace or user locale: Spanish for any `es…`, else English. */
export function mailLocale(locale: string | null | undefined): MailLocale {
  return locale?.toLowerCase().startsWith("es") ? "es" : "en";
}

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
};

/** "Visa •••• 4242" (or "your card" when the card is not known). */
export function cardLabel(card: CardLabel, locale: MailLocale = "en"): string {
  if (!card) return locale === "es" ? "tu tarjeta" : "your card";
  return `${BRANDS[card.brand] ?? card.brand} •••• ${card.last4}`;
}

function dateTime(date: Date, locale: MailLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone }).format(date);
}

// ───────────────────────────── receipt ─────────────────────────────

export type ReceiptMailInput = {
  locale: MailLocale;
  workspaceName: string;
  kind: "TOP_UP" | "AUTO_RECHARGE";
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** Stripe's receipt page; null when Stripe gave none. */
  receiptUrl: string | null;
  walletUrl: string;
  paidAt: Date;
  timeZone: string;
};

/** Sent once per successful payment, when the wallet has been credited. */
export function receiptMail(input: ReceiptMailInput): MailContent {
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const when = dateTime(input.paidAt, input.locale, input.timeZone);
  const es = input.locale === "es";
  const what = es
    ? input.kind === "AUTO_RECHARGE" ? "Recarga automática" : "Recarga del saldo"
    : input.kind === "AUTO_RECHARGE" ? "Auto-recharge" : "Wallet top-up";
  const subject = es ? `Recibo: ${amount} añadidos al saldo de ${input.workspaceName}` : `Receipt: ${amount} added to ${input.workspaceName}'s wallet`;
  const intro = es
    ? `Hemos cobrado ${amount} a ${card} y lo hemos añadido al saldo de ${input.workspaceName}.`
    : `We charged ${amount} to ${card} and added it to ${input.workspaceName}'s wallet.`;
  const rows: [string, string][] = [
    [es ? "Concepto" : "Item", what],
    [es ? "Importe" : "Amount", amount],
    [es ? "Tarjeta" : "Card", card],
    [es ? "Fecha" : "Date", when],
  ];
  const links: [string, string][] = [];
  if (input.receiptUrl) links.push([es ? "Ver el recibo" : "View the receipt", input.receiptUrl]);
  links.push([es ? "Abrir el monedero" : "Open the wallet", input.walletUrl]);
  const footer = es
    ? "Este saldo solo paga el consumo (SMS, WhatsApp, correo, llamadas y bot de voz), no la suscripción del CRM."
    : "This balance pays for usage only (SMS, WhatsApp, e-mail, calls and the AI voice bot), not for the CRM subscription.";
  return compose({ subject, heading: what, paragraphs: [intro], rows, links, footer });
}

// ───────────────────────────── auto-recharge ─────────────────────────────

export type AutoRechargeSucceededMailInput = {
  locale: MailLocale;
  workspaceName: string;
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** Available balance after the recharge, when known. */
  balance?: bigint | null;
  receiptUrl?: string | null;
  walletUrl: string;
};

export function autoRechargeSucceededMail(input: AutoRechargeSucceededMailInput): MailContent {
  const es = input.locale === "es";
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const subject = es ? `Recarga automática de ${amount} completada` : `Auto-recharge of ${amount} completed`;
  const paragraphs = [
    es
      ? `El saldo de ${input.workspaceName} bajó del umbral, así que hemos cobrado ${amount} a ${card}.`
      : `${input.workspaceName}'s balance fell below your threshold, so we charged ${amount} to ${card}.`,
  ];
  if (input.balance != null) {
    const balance = formatMoney(input.balance, input.currency, input.locale);
    paragraphs.push(es ? `Saldo disponible ahora: ${balance}.` : `Available balance now: ${balance}.`);
  }
  const links: [string, string][] = [];
  if (input.receiptUrl) links.push([es ? "Ver el recibo" : "View the receipt", input.receiptUrl]);
  links.push([es ? "Ajustar la recarga automática" : "Adjust auto-recharge", input.walletUrl]);
  return compose({ subject, heading: es ? "Recarga automática completada" : "Auto-recharge completed", paragraphs, links });
}

export type AutoRechargeFailedMailInput = {
  locale: MailLocale;
  workspaceName: string;
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** The bank's reason, as Stripe worded it. */
  reason: string;
  /** Failures in a row so far (this one included). */
  failures: number;
  /** Another attempt is scheduled. */
  willRetry: boolean;
  walletUrl: string;
};

export function autoRechargeFailedMail(input: AutoRechargeFailedMailInput): MailContent {
  const es = input.locale === "es";
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const subject = es ? `No pudimos recargar ${amount} en ${input.workspaceName}` : `Auto-recharge of ${amount} failed for ${input.workspaceName}`;
  const paragraphs = [
    es
      ? `Intentamos cobrar ${amount} a ${card} para recargar el saldo de ${input.workspaceName}, pero el banco lo rechazó: «${input.reason}»`
      : `We tried to charge ${amount} to ${card} to top up ${input.workspaceName}'s wallet, but the bank declined it: “${input.reason}”`,
    input.willRetry
      ? es
        ? `Volveremos a intentarlo en breve (intento fallido n.º ${input.failures}). Tras 3 fallos seguidos la recarga automática se desactiva.`
        : `We will try again shortly (failed attempt ${input.failures}). After 3 failures in a row auto-recharge switches itself off.`
      : es
        ? "No volveremos a intentarlo automáticamente."
        : "We will not try again automatically.",
    es
      ? "Para evitar cortes en llamadas y envíos, añade fondos o cambia de tarjeta."
      : "To keep calls and sends going, add funds or use another card.",
  ];
  return compose({
    subject,
    heading: es ? "La recarga automática falló" : "Auto-recharge failed",
    paragraphs,
    links: [[es ? "Revisar el monedero" : "Review the wallet", input.walletUrl]],
  });
}

export type AutoRechargeDisabledMailInput = {
  locale: MailLocale;
  workspaceName: string;
  amount: bigint;
  currency: Currency;
  card: CardLabel;
  /** The last failure's reason. */
  reason: string;
  /** Failures in a row that switched it off. */
  failures: number;
  walletUrl: string;
};

export function autoRechargeDisabledMail(input: AutoRechargeDisabledMailInput): MailContent {
  const es = input.locale === "es";
  const amount = formatMoney(input.amount, input.currency, input.locale);
  const card = cardLabel(input.card, input.locale);
  const subject = es ? `Recarga automática desactivada en ${input.workspaceName}` : `Auto-recharge switched off for ${input.workspaceName}`;
  const paragraphs = [
    es
      ? `La recarga automática de ${amount} con ${card} falló ${input.failures} veces seguidas, así que la hemos desactivado para no seguir intentando cobros. Último motivo: «${input.reason}»`
      : `The auto-recharge of ${amount} to ${card} failed ${input.failures} times in a row, so we switched it off rather than keep trying. Last reason: “${input.reason}”`,
    es
      ? "Cuando el saldo baje del mínimo, las llamadas salientes se rechazarán. Añade fondos o actualiza la tarjeta y vuelve a activarla."
      : "When the balance falls below the minimum, outbound calls will be refused. Add funds or update the card, then turn it back on.",
  ];
  return compose({
    subject,
    heading: es ? "Recarga automática desactivada" : "Auto-recharge switched off",
    paragraphs,
    links: [[es ? "Abrir el monedero" : "Open the wallet", input.walletUrl]],
  });
}

// ───────────────────────────── balance alerts ─────────────────────────────

export type LowBalanceMailInput = {
  locale: MailLocale;
  workspaceName: string;
  currency: Currency;
  /** Available balance (paid + trial) now. */
  balance: bigint;
  /** The alert threshold the owner set in Billing settings. */
  threshold: bigint;
  walletUrl: string;
  settingsUrl: string;
};

/** The available balance fell below the owner's low-balance alert. */
export function lowBalanceMail(input: LowBalanceMailInput): MailContent {
  const es = input.locale === "es";
  const balance = formatMoney(input.balance, input.currency, input.locale);
  const threshold = formatMoney(input.threshold, input.currency, input.locale);
  return compose({
    subject: es ? `Saldo bajo en ${input.workspaceName}: ${balance}` : `Low balance for ${input.workspaceName}: ${balance}`,
    heading: es ? "Saldo bajo" : "Low balance",
    paragraphs: [
      es
        ? `El saldo disponible de ${input.workspaceName} bajó de ${threshold}, el aviso que configuraste. Ahora es ${balance}.`
        : `${input.workspaceName}'s available balance fell below ${threshold}, the alert you set. It is now ${balance}.`,
      es
        ? "Añade fondos o activa la recarga automática para que los envíos y las llamadas no se detengan."
        : "Add funds or turn on auto-recharge so that sends and calls do not stop.",
    ],
    links: [
      [es ? "Añadir fondos" : "Add funds", input.walletUrl],
      [es ? "Cambiar el aviso" : "Change the alert", input.settingsUrl],
    ],
    footer: es
      ? "Te escribimos como mucho una vez al día por este aviso."
      : "We write about this alert at most once a day.",
  });
}

export type CallsPausedMailInput = {
  locale: MailLocale;
  workspaceName: string;
  currency: Currency;
  /** Paid balance now: trial credit does not count toward the call minimum. */
  paidBalance: bigint;
  /** The plan's minimum to start an outbound call (R3). */
  minimum: bigint;
  /** Trial credit that still starts WhatsApp calls (0 when there is none or WhatsApp calling is off). */
  whatsappTrialCredit: bigint;
  /** Whether new messages may still start (the available balance is above zero). */
  messagesGoOn: boolean;
  walletUrl: string;
};

/**
 * The paid balance fell below the call minimum: new outbound calls are refused (R3, R5) —
 * except WhatsApp calls while trial credit is left, which the e-mail then says (R3, R8).
 */
export function callsPausedMail(input: CallsPausedMailInput): MailContent {
  const es = input.locale === "es";
  const name = input.workspaceName;
  const paid = formatMoney(input.paidBalance, input.currency, input.locale);
  const minimum = formatMoney(input.minimum, input.currency, input.locale);
  const trial = input.whatsappTrialCredit > 0n ? formatMoney(input.whatsappTrialCredit, input.currency, input.locale) : null;
  const what = trial
    ? es ? "Llamadas de voz y del bot de voz con IA en pausa" : "Voice and AI voice bot calls paused"
    : es ? "Llamadas salientes en pausa" : "Outbound calls paused";
  const refused = trial
    ? es ? "se rechazarán las nuevas llamadas de voz y del bot de voz con IA" : "new voice calls and AI voice bot calls will be refused"
    : es ? "se rechazarán las nuevas llamadas salientes" : "new outbound calls will be refused";
  return compose({
    subject: es ? `${what} en ${name}` : `${what} for ${name}`,
    heading: what,
    paragraphs: [
      es
        ? `El saldo pagado de ${name} (${paid}) está por debajo de ${minimum}, el mínimo para iniciar una llamada, así que ${refused}.`
        : `${name}'s paid balance (${paid}) is below ${minimum}, the minimum to start a call, so ${refused}.`,
      ...(trial
        ? [
            es
              ? `Las llamadas de WhatsApp siguen con el crédito de prueba (quedan ${trial}) hasta que se agote.`
              : `WhatsApp calls go on with the trial credit (${trial} left) until it runs out.`,
          ]
        : []),
      input.messagesGoOn
        ? es
          ? "Las llamadas en curso no se cortan y los mensajes siguen saliendo. Añade fondos para reanudar las llamadas."
          : "Calls in progress are not cut off, and messages keep going out. Add funds to resume calling."
        : es
          ? "Las llamadas en curso no se cortan, pero tampoco pueden empezar mensajes nuevos. Añade fondos para reanudar los envíos y las llamadas."
          : "Calls in progress are not cut off, but new messages can’t start either. Add funds to resume sending and calling.",
    ],
    links: [[es ? "Añadir fondos" : "Add funds", input.walletUrl]],
  });
}

// ───────────────────────────── weekly summary ─────────────────────────────

/** Channel names as the app shows them, so the e-mail and the Usage screen agree. */
const CHANNEL_NAMES: Record<MailLocale, Record<Channel, string>> = { en: en.channelNames, es: es.channelNames };

export type WeeklySummaryMailInput = {
  locale: MailLocale;
  workspaceName: string;
  currency: Currency;
  timeZone: string;
  /** The week: Monday 00:00 to the next Monday 00:00, local time. */
  from: Date;
  to: Date;
  /** What each channel cost that week; channels with no events are left out. */
  channels: { channel: Channel; events: number; spent: bigint }[];
  /** Top-ups and auto-recharges credited that week. */
  added: bigint;
  /** Available balance (paid + trial) now. */
  balance: bigint;
  walletUrl: string;
  usageUrl: string;
  settingsUrl: string;
};

/** Monday's look back at last week (R14): spending per channel, money added, the balance now. */
export function weeklySummaryMail(input: WeeklySummaryMailInput): MailContent {
  const isEs = input.locale === "es";
  const money = (micros: bigint) => formatMoney(micros, input.currency, input.locale);
  // "November 23 – 29" / "23–29 de noviembre": the week's first and last local days.
  const period = new Intl.DateTimeFormat(input.locale, { day: "numeric", month: "long", timeZone: input.timeZone }).formatRange(
    input.from,
    new Date(input.to.getTime() - 1),
  );
  const spent = input.channels.reduce((sum, row) => sum + row.spent, 0n);
  const names = CHANNEL_NAMES[input.locale];
  const rows: [string, string][] = input.channels.map((row) => [names[row.channel], money(row.spent)]);
  rows.push([isEs ? "Total consumido" : "Total spent", money(spent)]);
  if (input.added > 0n) rows.push([isEs ? "Fondos añadidos" : "Funds added", money(input.added)]);
  rows.push([isEs ? "Saldo disponible ahora" : "Available balance now", money(input.balance)]);
  return compose({
    subject: isEs
      ? `Tu semana en Saldo: ${money(spent)} consumidos, saldo ${money(input.balance)}`
      : `Your week on Saldo: ${money(spent)} spent, ${money(input.balance)} left`,
    heading: isEs ? `Resumen semanal de ${input.workspaceName}` : `${input.workspaceName}'s weekly summary`,
    paragraphs: [
      input.channels.length
        ? isEs
          ? `Consumo de ${input.workspaceName}, ${period}:`
          : `${input.workspaceName}'s usage, ${period}:`
        : isEs
          ? `${input.workspaceName} no tuvo consumo (${period}).`
          : `${input.workspaceName} had no usage (${period}).`,
    ],
    rows,
    links: [
      [isEs ? "Ver el consumo" : "See usage", input.usageUrl],
      [isEs ? "Abrir el monedero" : "Open the wallet", input.walletUrl],
    ],
    footer: isEs
      ? `Lo recibes cada lunes como contacto de facturación. Puedes desactivarlo en Ajustes de facturación: ${input.settingsUrl}`
      : `You get this every Monday as the billing contact. Turn it off in Billing settings: ${input.settingsUrl}`,
  });
}

// ───────────────────────────── layout ─────────────────────────────

function compose(parts: {
  subject: string;
  heading: string;
  paragraphs: string[];
  rows?: [string, string][];
  links: [string, string][];
  footer?: string;
}): MailContent {
  const text = [
    parts.heading,
    "",
    ...parts.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(parts.rows?.length ? [...parts.rows.map(([label, value]) => `${label}: ${value}`), ""] : []),
    ...parts.links.map(([label, url]) => `${label}: ${url}`),
    ...(parts.footer ? ["", parts.footer] : []),
    "",
    "— Saldo",
  ].join("\n");

  const html = `<!doctype html>
<html><body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(parts.heading)}</h1>
${parts.paragraphs.map((paragraph) => `<p style="font-size:14px;line-height:1.5;margin:0 0 12px">${escapeHtml(paragraph)}</p>`).join("\n")}
${
  parts.rows?.length
    ? `<table style="font-size:14px;border-collapse:collapse;margin:8px 0 16px">${parts.rows
        .map(([label, value]) => `<tr><td style="padding:4px 16px 4px 0;color:#6b7280">${escapeHtml(label)}</td><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`)
        .join("")}</table>`
    : ""
}
<p style="font-size:14px;margin:16px 0">${parts.links
    .map(([label, url]) => `<a href="${escapeHtml(url)}" style="color:#2563eb;margin-right:16px">${escapeHtml(label)}</a>`)
    .join("")}</p>
${parts.footer ? `<p style="font-size:12px;color:#6b7280;margin:16px 0 0">${escapeHtml(parts.footer)}</p>` : ""}
</div></body></html>`;
  return { subject: parts.subject, text, html };
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
