import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import fc from "fast-check";

// Hostile HTTP against the real production server (issue 13, item 2): raw requests over
// sockets, generated and seeded, to every kind of path the server has — the public API (its
// door), the Stripe webhook and next-auth (Next.js's routes), pages, assets — with every method
// (TRACE, PROPFIND, QUERY… included), odd headers and small hostile bodies. None may get a 5xx;
// the API's and the webhook's errors are in their JSON shape; every answer carries the security
// headers. (The in-process suites in test/integration/hostile-*.test.ts do the volume.)

const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Math.floor(Math.random() * 2 ** 31);
const CASES = 300;

const JSON_PATHS = ["/api/v1/wallet", "/api/v1/usage-events", "/api/v1/authorize", "/api/v1/prices", "/api/v1/nothing", "/api/v1", "/api/webhooks/stripe"];
const PATHS = [
  ...JSON_PATHS,
  "/api/v1/",
  "/api/webhooks/stripe/",
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/auth/providers",
  "/api/auth/callback/credentials",
  "/login",
  "/signup",
  "/",
  "/acme",
  "/acme/settings/billing/wallet",
  "/acme/settings/billing/usage/export",
  "/outbox",
  "/no-such-page",
  "/icon.svg",
  "/_next/static/none.js",
];
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "QUERY", "PURGE", "MKCOL", "M-SEARCH"];
const BODIES = ["", "{}", "null", "[]", '{"id":"a\\u0000b","channel":"sms"}', '{"channel":"sms","channel":"voice_call"}', "\ufeff{}", "{", "x".repeat(5_000), '{"__proto__":{"admin":true}}'];

type Answer = { status: number; headers: Map<string, string>; body: string };

function exchange(base: URL, request: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      let raw = Buffer.concat(chunks);
      while (/^HTTP\/1\.1 1\d\d /.test(raw.subarray(0, 13).toString("latin1"))) raw = raw.subarray(raw.indexOf("\r\n\r\n") + 4);
      const end = raw.indexOf("\r\n\r\n");
      if (end < 0) return reject(new Error(`no answer to ${JSON.stringify(request.slice(0, 120))}`));
      const [statusLine, ...lines] = raw.subarray(0, end).toString("latin1").split("\r\n");
      const headers = new Map(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      const body = raw.subarray(end + 4);
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: (headers.get("transfer-encoding") === "chunked" ? unchunk(body) : body).toString("utf8") });
    });
    socket.setTimeout(20_000, () => socket.destroy(new Error("no answer within 20 s")));
    socket.write(request);
  });
}

/** A chunked body's data. */
function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; ) {
    const lineEnd = body.indexOf("\r\n", at);
    const size = parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

test("hostile raw HTTP to every kind of path: never a 5xx, the JSON error shape on the API and the webhook, the security headers", async ({ baseURL }) => {
  test.setTimeout(180_000);
  console.log(`[hostile] production server, raw HTTP: ${CASES} cases, seed ${SEED} (repeat with HOSTILE_SEED=${SEED})`);
  const base = new URL(baseURL!);
  const request = fc.record({
    method: fc.constantFrom(...METHODS),
    path: fc.constantFrom(...PATHS),
    query: fc.constantFrom("", "?x=%00", "?%ZZ", "?callbackUrl=https://evil.example", "?a=".concat("b".repeat(3_000))),
    body: fc.constantFrom(...BODIES),
    contentType: fc.constantFrom(undefined, "application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""),
    extra: fc.subarray([
      "Authorization: Bearer sk_saldo_" + "A".repeat(43),
      "Authorization: Basic Zm9vOmJhcg==",
      "Idempotency-Key: " + "k".repeat(300),
      "Stripe-Signature: t=1,v1=00",
      "Cookie: next-auth.session-token=garbage; NEXT_LOCALE=xx",
      "X-Forwarded-For: 1.2.3.4, ::1, not-an-ip",
      "X-Forwarded-Host: evil.example",
      "Accept-Language: zz-ZZ;q=2, *;q=-1",
      "Range: bytes=999999-",
    ]),
  });
  const statuses = new Map<number, number>();
  // Not here: multipart bodies POSTed to a page are server-action form submissions, whose
  // hostile half comes with the authorization matrix (issue 13, item 3). Next.js answers a
  // malformed one with a 500 today — recorded in docs/reliability.md.
  const pageForm = (req: { method: string; path: string; contentType?: string }) =>
    req.method === "POST" && !req.path.startsWith("/api/") && (req.contentType ?? "").startsWith("multipart/");
  await fc.assert(
    fc.asyncProperty(request.filter((req) => !pageForm(req)), async (req) => {
      const lines = [`${req.method} ${req.path}${req.query} HTTP/1.1`, `Host: ${base.host}`, "Connection: close", ...req.extra];
      if (req.contentType !== undefined) lines.push(`Content-Type: ${req.contentType}`);
      const withBody = req.method !== "GET" && req.method !== "HEAD";
      if (withBody) lines.push(`Content-Length: ${Buffer.byteLength(req.body)}`);
      const answer = await exchange(base, `${lines.join("\r\n")}\r\n\r\n${withBody ? req.body : ""}`);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const what = `${req.method} ${req.path}${req.query.slice(0, 20)} → ${answer.status} ${JSON.stringify([...answer.headers].filter(([name]) => /content-type|security|allow/.test(name)))} ${answer.body.slice(0, 200)}`;
      expect(answer.status, what).toBeLessThan(500);
      // Every answer, redirects, assets and Next.js's own errors included.
      expect(answer.headers.get("x-content-type-options"), what).toBe("nosniff");
      expect(answer.headers.get("content-security-policy"), what).toContain("frame-ancestors 'none'");
      if (JSON_PATHS.includes(req.path) && answer.status >= 400 && req.method !== "HEAD") {
        expect(answer.headers.get("content-type") ?? "(none)", what).toContain("application/json");
        const error = (JSON.parse(answer.body) as { error: { code: string; message: string } }).error;
        expect(error.code, what).toMatch(/^[a-z_]+$/);
        expect(error.message.length, what).toBeGreaterThan(0);
        if (answer.status === 405) expect(answer.headers.get("allow"), what).toBeTruthy();
      }
    }),
    { seed: SEED, numRuns: CASES, endOnFailure: true },
  );
  console.log(`[hostile] production server answered: ${[...statuses].sort().map(([status, n]) => `${status}×${n}`).join(", ")}`);
});
