// The one layout of every e-mail: a plain-text and an HTML version of the same parts.

export type MailParts = {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label/value lines ("Amount: $25.00"), a table in HTML. */
  rows?: [string, string][];
  /** Label/URL pairs. */
  links: [string, string][];
  footer?: string;
};

export function compose(parts: MailParts): { subject: string; text: string; html: string } {
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
