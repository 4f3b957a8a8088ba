// Calling the built app as the matrix's callers: the people (identities.ts, written into the e2e
// database by a child process, since lib/ is server-only), their cookies and keys, what the build
// contains, and server actions called over HTTP the way a browser calls them.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { MatrixIdentities } from "./identities";
import { W, W_ID, type Caller } from "./registry";

const ROOT = path.resolve(import.meta.dirname, "../..");

// ---- What the build contains ----------------------------------------------------------------

type ActionEntry = { id: string; key: string };

export function buildPagesAndRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest);
}

export function buildActions(): ActionEntry[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, key: `${entry.filename}#${entry.exportedName}` }));
}

/** Every exported function of a "use server" file in lib/actions, whether a page imports it yet or not. */
export function sourceActions(): string[] {
  const folder = path.join(ROOT, "lib/actions");
  return readdirSync(folder)
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) => {
      const source = readFileSync(path.join(folder, file), "utf8");
      if (!/^["']use server["']/.test(source)) return [];
      return [...source.matchAll(/^export async function (\w+)/gm)].map((match) => `lib/actions/${file}#${match[1]}`);
    });
}

// ---- The people ------------------------------------------------------------------------------

/** Runs one of this folder's scripts against the e2e database (lib/ is server-only) and answers the JSON it printed last. */
function runScript<T>(file: string, args: string[] = []): T {
  const output = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", path.join(ROOT, "e2e/authorization", file), ...args], {
    cwd: ROOT,
    env: process.env,
    encoding: "utf8",
  });
  return JSON.parse(output.trim().split("\n").at(-1)!) as T;
}

/** Creates the matrix's people in the e2e database. */
export function createIdentities(): MatrixIdentities {
  return runScript<MatrixIdentities>("identities.ts");
}

/** A workspace's rows in every table and its balances, now (test/helpers/table-snapshot.ts). */
export function workspaceSnapshot(workspaceId: string): Record<string, string> {
  return runScript<Record<string, string>>("table-snapshot.ts", [workspaceId]);
}

export function headersOf(who: MatrixIdentities, caller: Caller): Record<string, string> {
  if (caller === "anonymous") return {};
  if (caller === "keyA") return { authorization: `Bearer ${who.keys.a}` };
  if (caller === "keyB") return { authorization: `Bearer ${who.keys.b}` };
  if (caller === "revokedKeyA") return { authorization: `Bearer ${who.keys.revokedA}` };
  return { cookie: `next-auth.session-token=${who.cookies[caller]}` };
}

/** A path of the registry in workspace A. */
export function inA(who: MatrixIdentities, template: string): string {
  return template.replace(W, who.slugA).replace(W_ID, who.idA);
}

// ---- Server actions ---------------------------------------------------------------------------

export type ActionAnswer = { ok: true } | { ok: false; code: string; fieldErrors?: Record<string, string> };

/** Calls a server action as a browser does: POST to a page that uses it, Next-Action header, the arguments as JSON. */
export function postAction(request: APIRequestContext, options: { page: string; actionId: string; args: unknown[]; headers: Record<string, string>; baseURL: string }) {
  return request.post(options.page, {
    headers: {
      ...options.headers,
      "next-action": options.actionId,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: new URL(options.baseURL).origin,
    },
    data: JSON.stringify(escapeReply(options.args)),
    maxRedirects: 0,
  });
}

/**
 * What React's encodeReply does to the strings a browser sends: one starting with "$" gets
 * another "$" ("$" starts a reference in the reply format). Unescaped, "${x}" names a chunk that
 * never comes, and React fails the request with "Connection closed" — a 500 no browser causes.
 */
function escapeReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeReply);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeReply(item)]));
  return value;
}

/** The ActionResult in an action's answer (React's Flight stream: one JSON row per line), or null if there is none. */
export async function actionAnswer(response: APIResponse): Promise<ActionAnswer | null> {
  const body = await response.text();
  for (const line of body.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith("{")) continue;
    const value = JSON.parse(json) as { ok?: boolean; error?: { code: string; fieldErrors?: Record<string, string> } };
    if (value.ok === true) return { ok: true };
    if (value.ok === false && value.error) return { ok: false, code: value.error.code, fieldErrors: value.error.fieldErrors };
  }
  return null;
}
