// The security headers of every response: pages (proxy.ts, with a per-request CSP nonce), API
// routes Next.js serves (next.config.ts `headers()`) and the production public-API door
// (scripts/lib/public-api.ts). The values live here only.
//
// No "server-only" and no imports: next.config.ts and the scripts load this file too.

/** Where Stripe.js and its frames live (Stripe's published CSP list for Elements and 3-D Secure). */
const STRIPE = {
  scripts: ["https://js.stripe.com", "https://*.js.stripe.com"],
  frames: ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
  connect: ["https://api.stripe.com"],
  images: ["https://*.stripe.com"],
};

/** Two years, the HSTS preload list's minimum; sent by production servers only. */
const HSTS = "max-age=63072000; includeSubDomains";

export type PagePolicyOptions = {
  /** A fresh random value per request; Next.js adds it to its own scripts. */
  nonce: string;
  /** `next dev`: React's dev tooling needs eval, production never does. */
  development: boolean;
  /** The Stripe emulator's public origin in test mode (the 3-D Secure panel calls it), else null. */
  emulatorOrigin: string | null;
  /** The public URL is https: ask the browser to upgrade any http sub-resource. */
  https: boolean;
};

/** The Content-Security-Policy of a page. */
export function pageContentSecurityPolicy({ nonce, development, emulatorOrigin, https }: PagePolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // strict-dynamic: what a nonce'd script loads is trusted (Next.js chunks, Stripe.js); the
    // host list is the fallback for browsers without CSP 3.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...STRIPE.scripts, ...(development ? ["'unsafe-eval'"] : [])],
    // Inline styles stay allowed: React's style attributes, Radix's positioning and Stripe
    // Elements set them, and a style cannot run code. (A nonce here would disable 'unsafe-inline'.)
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...STRIPE.images],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...STRIPE.connect, ...(emulatorOrigin ? [emulatorOrigin] : [])],
    ["frame-src", ...STRIPE.frames],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  const policy = directives.map((directive) => directive.join(" "));
  if (https) policy.push("upgrade-insecure-requests");
  return policy.join("; ");
}

/** An API answer is data, never a document: nothing may load from it or frame it. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every response carries besides its Content-Security-Policy. */
export function commonSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    // Other sites learn our origin, never a path (paths name workspaces).
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // frame-ancestors 'none' is the rule; this is for browsers that predate it.
    "X-Frame-Options": "DENY",
    // Nothing Saldo does needs these; `payment` stays for Stripe's frames (wallets in Elements).
    "Permissions-Policy": 'camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=(), payment=(self "https://js.stripe.com")',
    ...(production ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** All the headers of an API response. */
export function apiSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return { ...commonSecurityHeaders({ production }), "Content-Security-Policy": API_CONTENT_SECURITY_POLICY };
}

/** A nonce for one page response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** The origin (scheme://host:port) of a URL, or null when it is not one. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
