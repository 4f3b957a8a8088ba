// Server actions are POSTs to a page with a `Next-Action` header. Next.js refuses one whose
// Origin is another site (CSRF), but it does so by throwing inside its action handling: the
// sender gets a 500 and the log a stack trace, for what is an ordinary hostile request. The
// proxy (proxy.ts) asks this first and answers 403 itself.
//
// The rule is Next.js's own (next/dist/server/app-render/action-handler.js), so the two never
// disagree: the Origin's host must equal the first X-Forwarded-Host, or else the Host header.
// A request without Origin passes, as in Next.js: browsers always send Origin on a POST fetch,
// and a hand-made request carries no victim's cookies. Saldo sets no
// `serverActions.allowedOrigins`; if it ever does, this must accept the same list.

const MAX_SHOWN = 100;

function shown(value: string): string {
  return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
}

/** Why this server-action request comes from another site, or null when it does not. */
export function foreignServerActionOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return `the Origin ${shown(origin)} is not a URL`;
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host) return "the request names no Host";
  if (originHost !== host) return `the Origin ${shown(originHost)} is not this site (${shown(host)})`;
  return null;
}
