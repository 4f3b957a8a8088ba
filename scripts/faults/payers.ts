// Owners topping up their wallets while everything else goes on: each signs in through
// next-auth's credentials form, then calls the wallet page's `startTopUp` server action over
// HTTP, exactly as the Add funds dialog does (one idempotency key per opening of the dialog,
// and the same key again when an answer does not come), with a card that pays or one that
// declines. The credit comes later, from Stripe's webhook to the server under test.
import { readFileSync } from "node:fs";
import path from "node:path";
import { failureName, httpRequest, sleep } from "./http";
import type { Random } from "./random";
import type { Wallet } from "./saldo";

export type TopUp = {
  key: string;
  amountCents: number;
  cardId: string;
  /** Every answer's payment id and status, in order (a retry must name the same payment). */
  answers: { paymentId: string | null; status: string }[];
};

export type PayerReport = {
  workspaceId: string;
  topUps: TopUp[];
  requests: number;
  connectionFailures: number;
  /** Answers that are no answer: 5xx, an unreadable body, the action's "internal" error. */
  serverErrors: number;
  unexpected: string[];
};

/** The wallet's owner signs in and tops up with its saved cards (a Wallet of saldo.ts), on `baseUrl`. */
export type PayerOptions = Pick<Wallet, "workspaceId" | "slug" | "owner" | "cardIds"> & {
  baseUrl: string;
  random: Random;
  /** The wait between two top-ups, from–to. */
  pauseMs: number[];
  stopping: () => boolean;
  deadlineMs: number;
};

/** The id Next.js gave a server action in this build (the build's server-reference manifest). */
export function serverActionId(exportedName: string, file: string): string {
  const manifest = JSON.parse(readFileSync(path.resolve(".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName && action.filename === file);
  if (!found) throw new Error(`No server action ${exportedName} in ${file} in this build`);
  return found[0];
}

export async function runPayer(options: PayerOptions): Promise<PayerReport> {
  const report: PayerReport = { workspaceId: options.workspaceId, topUps: [], requests: 0, connectionFailures: 0, serverErrors: 0, unexpected: [] };
  const actionId = serverActionId("startTopUp", "lib/actions/start-top-up.ts");
  const cookie = await signIn(options);
  while (!options.stopping()) {
    const topUp: TopUp = {
      key: options.random.uuid(),
      amountCents: options.random.int(500, 3_000),
      cardId: options.random.pick(options.cardIds),
      answers: [],
    };
    report.topUps.push(topUp);
    const amount = (topUp.amountCents / 100).toFixed(2);
    const body = JSON.stringify([options.slug, { amount, cardId: topUp.cardId, idempotencyKey: topUp.key }]);
    await submit(options, report, topUp, actionId, cookie, body);
    // A double click, or the owner's second try after a slow answer: the same payment again.
    if (topUp.answers.length && options.random.chance(0.15)) await submit(options, report, topUp, actionId, cookie, body);
    await sleep(options.random.int(options.pauseMs[0], options.pauseMs[1]));
  }
  return report;
}

/** One submit of the dialog, repeated with the same key until an answer comes. */
async function submit(options: PayerOptions, report: PayerReport, topUp: TopUp, actionId: string, cookie: string, body: string) {
  const deadline = Date.now() + options.deadlineMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    report.requests++;
    const answer = await callAction(options, actionId, cookie, body).catch((error: unknown) => {
      report.connectionFailures++;
      return { failure: failureName(error) } as const;
    });
    if ("result" in answer) {
      const result = answer.result as { ok: boolean; data?: { status: string; paymentId?: string }; error?: { code: string } };
      if (result.ok && result.data) {
        topUp.answers.push({ paymentId: result.data.paymentId ?? null, status: result.data.status });
        return;
      }
      // The action's answer when the database or Stripe could not be reached: the dialog says
      // "try again", and trying again (same key) is what the owner does.
      if (result.error?.code !== "internal" && result.error?.code !== "payments_unavailable") {
        report.unexpected.push(`top-up ${topUp.key}: ${JSON.stringify(result)}`);
        return;
      }
      report.serverErrors++;
    } else if ("status" in answer) {
      report.serverErrors++;
    }
    await sleep(Math.min(2_000, 150 * 2 ** attempt) * options.random.between(0.5, 1.5));
  }
}

type ActionAnswer = { result: unknown } | { status: number } | { failure: string };

/** POSTs a server action as the browser does and reads its result out of the RSC stream. */
async function callAction(options: PayerOptions, actionId: string, cookie: string, body: string): Promise<ActionAnswer> {
  const answer = await httpRequest(`${options.baseUrl}/${options.slug}/settings/billing/wallet`, {
    method: "POST",
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: options.baseUrl, cookie },
    body,
    timeoutMs: 20_000,
  });
  if (answer.status !== 200) return { status: answer.status };
  // "0:{…}\n1:{the action's return value}\n"
  const line = answer.body
    .toString("utf8")
    .split("\n")
    .find((row) => row.startsWith("1:"));
  if (!line) return { status: answer.status };
  try {
    return { result: JSON.parse(line.slice(2)) };
  } catch {
    return { status: answer.status };
  }
}

/** Signs in through next-auth's credentials endpoint (what the login form posts); answers the cookies. */
async function signIn(options: PayerOptions): Promise<string> {
  // As long as any request may take: the first kill can come while the server is still warming up.
  const deadline = Date.now() + options.deadlineMs;
  for (;;) {
    try {
      const csrf = await httpRequest(`${options.baseUrl}/api/auth/csrf`, { method: "GET" });
      const jar = cookiesOf(csrf.headers["set-cookie"]);
      const form = new URLSearchParams({
        csrfToken: (JSON.parse(csrf.body.toString("utf8")) as { csrfToken: string }).csrfToken,
        email: options.owner.email,
        password: options.owner.password,
        json: "true",
      });
      const answer = await httpRequest(`${options.baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
        body: form.toString(),
      });
      const cookies = [...jar, ...cookiesOf(answer.headers["set-cookie"])];
      if (cookies.some((cookie) => cookie.startsWith("next-auth.session-token="))) return cookies.join("; ");
      throw new Error(`sign-in answered ${answer.status} ${answer.body.toString("utf8").slice(0, 200)}`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

function cookiesOf(header: string[] | undefined): string[] {
  return (header ?? []).map((cookie) => cookie.split(";")[0]);
}
