// The authorization matrix (issue 13): every page, route handler and server action of the built
// app, called over HTTP by every kind of caller, allowed or refused exactly as the registry
// (authorization/registry.ts) says. The first test compares the registry with what the build contains
// (.next's app-paths and server-reference manifests) and fails when a page, route or action
// has no row, so nothing new ships without its answer for each caller.
//
// Actions are called the way a browser calls them (POST, Next-Action header, the arguments as
// React encodes them), with input their schema refuses: a caller who gets past the permission
// check then hears `invalid_field`, one who does not hears `unauthenticated`, `not_found` or
// `forbidden` — so the matrix moves no money and changes nothing, whoever calls.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { actionAnswer, buildActions, buildPagesAndRoutes, createIdentities, headersOf, inA, postAction, sourceActions } from "./authorization/http";
import type { MatrixIdentities } from "./authorization/identities";
import { CALLERS, REGISTRY, type Caller, type Row } from "./authorization/registry";

// ---- Calling --------------------------------------------------------------------------------

let who: MatrixIdentities;

test.beforeAll(() => {
  who = createIdentities();
});

/** What a page answered, read the way a person would: the page itself, or one of the refusals. */
async function pageOutcome(response: APIResponse, path: string): Promise<"allowed" | "refused"> {
  const status = response.status();
  expect(status, `${response.url()}: never a 5xx`).toBeLessThan(500);
  if (status === 404 || status === 401 || status === 403) return "refused";
  if (status >= 300 && status < 400) {
    const location = response.headers().location ?? "";
    // The login page refuses; so does the support console, where a workspace page sends staff
    // not viewing that workspace (the home page sending staff there is their way in).
    if (/\/login(\?|$)/.test(location)) return "refused";
    return /\/support(\?|$)/.test(location) && path !== "/" ? "refused" : "allowed";
  }
  const html = await response.text();
  return html.includes('data-testid="forbidden"') ? "refused" : "allowed";
}

/** An action's answer: refused by the permission check (or the proxy), or past it. */
async function actionOutcome(response: APIResponse): Promise<{ outcome: "allowed" | "refused"; code: string }> {
  const status = response.status();
  expect(status, "never a 5xx").toBeLessThan(500);
  if (status >= 300 && status < 400) return { outcome: "refused", code: `redirect ${response.headers().location}` };
  if (status === 403 || status === 404) return { outcome: "refused", code: `HTTP ${status}` };
  const answer = await actionAnswer(response);
  if (!answer) throw new Error(`No ActionResult in the answer (${status})`);
  if (answer.ok) return { outcome: "allowed", code: "ok" };
  return { outcome: ["unauthenticated", "not_found", "forbidden", "viewing_refuses_money", "viewing_refuses_access"].includes(answer.code) ? "refused" : "allowed", code: answer.code };
}

async function call(request: APIRequestContext, row: Row, caller: Caller, baseURL: string, actionId?: string) {
  const headers = headersOf(who, caller);
  if (row.kind === "page") return { outcome: await pageOutcome(await request.get(inA(who, row.path), { headers, maxRedirects: 0 }), row.path), code: "" };
  if (row.kind === "route") {
    const response =
      row.method === "GET"
        ? await request.get(inA(who, row.path), { headers, maxRedirects: 0 })
        : await request.post(inA(who, row.path), { headers: { ...headers, "content-type": "application/json" }, data: "{}", maxRedirects: 0 });
    const status = response.status();
    expect(status, `${row.method} ${row.path} as ${caller}: never a 5xx`).toBeLessThan(500);
    const refused = [401, 403, 404].includes(status) || (status >= 300 && status < 400 && /\/login/.test(response.headers().location ?? ""));
    // Stripe's webhook refuses any caller without Stripe's signature (400, not a 2xx).
    if (row.path === "/api/webhooks/stripe") return { outcome: status < 300 ? "allowed" : "refused", code: String(status) };
    return { outcome: refused ? "refused" : "allowed", code: String(status) };
  }
  if (row.kind === "action") {
    const args = row.workspace ? [who.slugA, ...row.args] : row.args;
    return actionOutcome(await postAction(request, { page: inA(who, row.page), actionId: actionId!, args, headers, baseURL }));
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
    const walletOf = async (caller: Caller) => (await (await request.get("/api/v1/wallet", { headers: headersOf(who, caller) })).json()) as { currency: string };
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
