// The authorization matrix (issue 13): every page, route handler and server action of the built
// app, called over HTTP by every kind of caller, allowed or refused exactly as the table below
// says. The table is the registry: the first test compares it with what the build contains
// (.next's app-paths and server-reference manifests) and fails when a page, route or action
// has no row, so nothing new ships without its answer for each caller.
//
// Actions are called the way a browser calls them (POST, Next-Action header, the arguments as
// React encodes them), with input their schema refuses: a caller who gets past the permission
// check then hears `invalid_field`, one who does not hears `unauthenticated`, `not_found` or
// `forbidden` — so the matrix moves no money and changes nothing, whoever calls.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { MatrixIdentities } from "./authorization/identities";

const ROOT = path.resolve(import.meta.dirname, "..");

// ---- Who calls ------------------------------------------------------------------------------

const SESSION_CALLERS = ["member", "billingAdmin", "owner", "ownerOfOther", "noWorkspace", "signedOut", "support", "admin"] as const;
const KEY_CALLERS = ["keyA", "keyB", "revokedKeyA"] as const;
const CALLERS = ["anonymous", ...SESSION_CALLERS, ...KEY_CALLERS] as const;
type Caller = (typeof CALLERS)[number];

/** Callers allowed by each rule; everyone else must be refused. */
const MEMBERS_OF_A: Caller[] = ["member", "billingAdmin", "owner"];
const BILLING_OF_A: Caller[] = ["billingAdmin", "owner"];
const OWNER_OF_A: Caller[] = ["owner"];
const SIGNED_IN: Caller[] = ["member", "billingAdmin", "owner", "ownerOfOther", "noWorkspace", "support", "admin"];
const API_KEYS: Caller[] = ["keyA", "keyB"];
const EVERYONE: Caller[] = [...CALLERS];

// ---- The registry ---------------------------------------------------------------------------

type Row =
  /** A page: allowed answers 200 with the page; refused is a 404, the login page or "not allowed". */
  | { kind: "page"; path: string; allowed: Caller[] }
  /** A route handler answered by its own rules (`expect` checks one caller's answer). */
  | { kind: "route"; path: string; method: "GET" | "POST"; allowed: Caller[] }
  /** A server action: `args` after the workspace slug (for workspace actions), refused by its schema. */
  | { kind: "action"; page: string; args: unknown[]; workspace: boolean; allowed: Caller[] }
  /** Not reachable as a caller's page (Next.js's own error pages). */
  | { kind: "internal" };

const W = "[workspace]";
const INVALID = { "not-a-field": "\u0000" };

/** Keyed as the build names them: page and route paths of app-paths-manifest.json, action files#exports. */
const REGISTRY: Record<string, Row> = {
  // Pages
  "/page": { kind: "page", path: "/", allowed: SIGNED_IN },
  "/(auth)/login/page": { kind: "page", path: "/login", allowed: EVERYONE },
  "/(auth)/signup/page": { kind: "page", path: "/signup", allowed: EVERYONE },
  "/outbox/page": { kind: "page", path: "/outbox", allowed: SIGNED_IN },
  "/(app)/[workspace]/page": { kind: "page", path: `/${W}`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/billing/page": { kind: "page", path: `/${W}/settings/billing`, allowed: BILLING_OF_A },
  "/(app)/[workspace]/settings/billing/wallet/page": { kind: "page", path: `/${W}/settings/billing/wallet`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/billing/usage/page": { kind: "page", path: `/${W}/settings/billing/usage`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/billing/transactions/page": { kind: "page", path: `/${W}/settings/billing/transactions`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/channels/page": { kind: "page", path: `/${W}/settings/channels`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/developers/page": { kind: "page", path: `/${W}/settings/developers`, allowed: MEMBERS_OF_A },
  "/(app)/[workspace]/settings/members/page": { kind: "page", path: `/${W}/settings/members`, allowed: MEMBERS_OF_A },
  "/_not-found/page": { kind: "internal" },
  "/_global-error/page": { kind: "internal" },

  // Route handlers
  "/(app)/[workspace]/settings/billing/usage/export/route": { kind: "route", method: "GET", path: `/${W}/settings/billing/usage/export`, allowed: MEMBERS_OF_A },
  "/api/v1/wallet/route": { kind: "route", method: "GET", path: "/api/v1/wallet", allowed: API_KEYS },
  "/api/v1/prices/route": { kind: "route", method: "GET", path: "/api/v1/prices", allowed: API_KEYS },
  "/api/v1/usage-events/route": { kind: "route", method: "GET", path: "/api/v1/usage-events", allowed: API_KEYS },
  "/api/v1/authorize/route": { kind: "route", method: "POST", path: "/api/v1/authorize", allowed: API_KEYS },
  // An unknown API path is a JSON 404 for every caller, key or not: there is nothing to reach.
  "/api/v1/[[...path]]/route": { kind: "route", method: "GET", path: "/api/v1/no-such-route", allowed: [] },
  // Stripe's webhook is authorized by its signature alone: no caller's cookie or key opens it.
  "/api/webhooks/stripe/route": { kind: "route", method: "POST", path: "/api/webhooks/stripe", allowed: [] },
  "/api/auth/[...nextauth]/route": { kind: "route", method: "GET", path: "/api/auth/providers", allowed: EVERYONE },
  "/icon.svg/route": { kind: "route", method: "GET", path: "/icon.svg", allowed: EVERYONE },
  "/manifest.webmanifest/route": { kind: "route", method: "GET", path: "/manifest.webmanifest", allowed: EVERYONE },

  // Server actions
  "lib/actions/sign-up.ts#signUp": { kind: "action", page: "/signup", workspace: false, args: [INVALID], allowed: EVERYONE },
  "lib/actions/set-locale.ts#setLocale": { kind: "action", page: "/login", workspace: false, args: [{ locale: "xx" }], allowed: EVERYONE },
  "lib/actions/update-billing-settings.ts#updateBillingSettings": { kind: "action", page: `/${W}/settings/billing`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/start-card-setup.ts#startCardSetup": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [], allowed: BILLING_OF_A },
  "lib/actions/complete-card-setup.ts#completeCardSetup": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/confirm-test-card.ts#confirmTestCard": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/remove-card.ts#removeCard": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/set-default-card.ts#setDefaultCard": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/start-top-up.ts#startTopUp": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/refresh-payment.ts#refreshPayment": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/save-auto-recharge.ts#saveAutoRecharge": { kind: "action", page: `/${W}/settings/billing/wallet`, workspace: true, args: [INVALID], allowed: BILLING_OF_A },
  "lib/actions/set-whatsapp-calling.ts#setWhatsappCalling": { kind: "action", page: `/${W}/settings/channels`, workspace: true, args: [{ enabled: "yes" }], allowed: BILLING_OF_A },
  "lib/actions/create-api-key.ts#createApiKey": { kind: "action", page: `/${W}/settings/developers`, workspace: true, args: [{ name: "" }], allowed: OWNER_OF_A },
  "lib/actions/revoke-api-key.ts#revokeApiKey": { kind: "action", page: `/${W}/settings/developers`, workspace: true, args: [INVALID], allowed: OWNER_OF_A },
};

// ---- What the build contains ----------------------------------------------------------------

type ActionEntry = { id: string; key: string };

function buildPagesAndRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest);
}

function buildActions(): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, key: `${entry.filename}#${entry.exportedName}` }));
}

/** Every exported function of a "use server" file in lib/actions, whether a page imports it yet or not. */
function sourceActions(): string[] {
  const folder = path.join(ROOT, "lib/actions");
  return readdirSync(folder)
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) => {
      const source = readFileSync(path.join(folder, file), "utf8");
      if (!/^["']use server["']/.test(source)) return [];
      return [...source.matchAll(/^export async function (\w+)/gm)].map((match) => `lib/actions/${file}#${match[1]}`);
    });
}

// ---- Calling --------------------------------------------------------------------------------

let who: MatrixIdentities;

test.beforeAll(() => {
  const output = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", path.join(ROOT, "e2e/authorization/identities.ts")], {
    cwd: ROOT,
    env: process.env,
    encoding: "utf8",
  });
  who = JSON.parse(output.trim().split("\n").at(-1)!) as MatrixIdentities;
});

function headersOf(caller: Caller): Record<string, string> {
  if (caller === "anonymous") return {};
  if (caller === "keyA") return { authorization: `Bearer ${who.keys.a}` };
  if (caller === "keyB") return { authorization: `Bearer ${who.keys.b}` };
  if (caller === "revokedKeyA") return { authorization: `Bearer ${who.keys.revokedA}` };
  return { cookie: `next-auth.session-token=${who.cookies[caller]}` };
}

const inA = (template: string) => template.replace(W, who.slugA);

/** What a page answered, read the way a person would: the page itself, or one of the refusals. */
async function pageOutcome(response: APIResponse): Promise<"allowed" | "refused"> {
  const status = response.status();
  expect(status, `${response.url()}: never a 5xx`).toBeLessThan(500);
  if (status === 404 || status === 401 || status === 403) return "refused";
  if (status >= 300 && status < 400) {
    const location = response.headers().location ?? "";
    return /\/login(\?|$)/.test(location) ? "refused" : "allowed";
  }
  const html = await response.text();
  return html.includes('data-testid="forbidden"') ? "refused" : "allowed";
}

/** The action's answer, from React's Flight stream: the row holding the ActionResult. */
async function actionOutcome(response: APIResponse): Promise<{ outcome: "allowed" | "refused"; code: string }> {
  const status = response.status();
  expect(status, "never a 5xx").toBeLessThan(500);
  if (status >= 300 && status < 400) return { outcome: "refused", code: `redirect ${response.headers().location}` };
  if (status === 403 || status === 404) return { outcome: "refused", code: `HTTP ${status}` };
  const body = await response.text();
  for (const line of body.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    const value = JSON.parse(json) as { ok?: boolean; error?: { code: string } };
    if (value.ok === true) return { outcome: "allowed", code: "ok" };
    if (value.ok === false && value.error) {
      const refused = ["unauthenticated", "not_found", "forbidden"].includes(value.error.code);
      return { outcome: refused ? "refused" : "allowed", code: value.error.code };
    }
  }
  throw new Error(`No ActionResult in the answer (${status}): ${body.slice(0, 300)}`);
}

async function call(request: APIRequestContext, row: Row, caller: Caller, baseURL: string, actionId?: string) {
  const headers = headersOf(caller);
  if (row.kind === "page") return { outcome: await pageOutcome(await request.get(inA(row.path), { headers, maxRedirects: 0 })), code: "" };
  if (row.kind === "route") {
    const response =
      row.method === "GET"
        ? await request.get(inA(row.path), { headers, maxRedirects: 0 })
        : await request.post(inA(row.path), { headers: { ...headers, "content-type": "application/json" }, data: "{}", maxRedirects: 0 });
    const status = response.status();
    expect(status, `${row.method} ${row.path} as ${caller}: never a 5xx`).toBeLessThan(500);
    const refused = [401, 403, 404].includes(status) || (status >= 300 && status < 400 && /\/login/.test(response.headers().location ?? ""));
    // Stripe's webhook refuses any caller without Stripe's signature (400, not a 2xx).
    if (row.path === "/api/webhooks/stripe") return { outcome: status < 300 ? "allowed" : "refused", code: String(status) };
    return { outcome: refused ? "refused" : "allowed", code: String(status) };
  }
  if (row.kind === "action") {
    const args = row.workspace ? [who.slugA, ...row.args] : row.args;
    const response = await request.post(inA(row.page), {
      headers: {
        ...headers,
        "next-action": actionId!,
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        origin: new URL(baseURL).origin,
      },
      data: JSON.stringify(args),
      maxRedirects: 0,
    });
    return actionOutcome(response);
  }
  throw new Error("internal rows are not called");
}

// ---- The tests ------------------------------------------------------------------------------

test.describe("authorization matrix", () => {
  // One worker runs the whole file in order, with one set of people (beforeAll runs per worker).
  test.describe.configure({ mode: "default" });

  test("the registry lists every page, route handler and server action of the build, and nothing else", () => {
    const built = [...buildPagesAndRoutes(), ...new Set([...buildActions().map((action) => action.key), ...sourceActions()])].sort();
    const missing = built.filter((key) => !(key in REGISTRY));
    const stale = Object.keys(REGISTRY).filter((key) => !built.includes(key));
    expect(missing, "pages, routes or actions without a row in REGISTRY (add one: who may call it?)").toEqual([]);
    expect(stale, "rows for pages, routes or actions that no longer exist").toEqual([]);
  });

  test("an API key reads its own workspace only: the same requests with A's and B's keys answer A's and B's wallet", async ({ request }) => {
    const walletOf = async (caller: Caller) => (await (await request.get("/api/v1/wallet", { headers: headersOf(caller) })).json()) as { currency: string };
    expect((await walletOf("keyA")).currency).toBe("USD");
    expect((await walletOf("keyB")).currency).toBe("INR");
  });

  const actionIds = new Map<string, string>();

  for (const [key, row] of Object.entries(REGISTRY)) {
    if (row.kind === "internal") continue;
    const title = row.allowed.length === CALLERS.length ? "everyone allowed" : `${row.allowed.join(", ") || "no caller"} allowed, everyone else refused`;
    test(`${key}: ${title}`, async ({ request, baseURL }) => {
      let actionId: string | undefined;
      if (row.kind === "action") {
        if (actionIds.size === 0) for (const action of buildActions()) actionIds.set(action.key, action.id);
        actionId = actionIds.get(key);
        expect(actionId, `${key} is not in the build: no page imports it (remove it, or use it)`).toBeTruthy();
      }
      const answers = await Promise.all(CALLERS.map(async (caller) => [caller, await call(request, row, caller, baseURL!, actionId)] as const));
      const table = Object.fromEntries(answers.map(([caller, { outcome, code }]) => [caller, code ? `${outcome} (${code})` : outcome]));
      const expected = Object.fromEntries(CALLERS.map((caller) => [caller, row.allowed.includes(caller) ? "allowed" : "refused"]));
      const actual = Object.fromEntries(answers.map(([caller, { outcome }]) => [caller, outcome]));
      test.info().annotations.push({ type: "answers", description: JSON.stringify(table) });
      expect(actual, JSON.stringify(table, null, 2)).toEqual(expected);
    });
  }
});
