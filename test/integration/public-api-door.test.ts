// The production server's door to the public API (scripts/lib/public-api.ts), over real HTTP
// against the real database: what the route handlers answer in-process must come back
// unchanged through a socket, and anything else must be left to Next.js.
import { globSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_API_ROUTES } from "@/app/api/v1/routes";
import { adjustBalance } from "@/lib/ledger/adjust";
import { answerPublicApi } from "@/scripts/lib/public-api";
import { workspaceWithKey } from "@/test/helpers/api";

let server: http.Server;
let base: string;
let key: string;

beforeAll(async () => {
  // Whatever the door declines answers 418, standing in for Next.js.
  server = http.createServer((req, res) => {
    if (!answerPublicApi(PUBLIC_API_ROUTES, req, res)) res.writeHead(418).end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const workspace = await workspaceWithKey();
  key = workspace.key;
  await adjustBalance(workspace.workspaceId, 25_000_000n, "test funds", { type: "system" });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw HTTP request, so chunked bodies and lying headers can be sent. */
function send(method: string, path: string, options: { body?: string | Buffer[]; headers?: http.OutgoingHttpHeaders } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...options.headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString() }));
    });
    request.on("error", reject);
    if (Array.isArray(options.body)) {
      for (const chunk of options.body) request.write(chunk); // no Content-Length: chunked
      request.end();
    } else request.end(options.body);
  });
}

describe("the public API door", () => {
  it("lists every route file of app/api/v1", () => {
    const files = globSync("app/api/v1/**/route.ts").map((file) => `/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`);
    expect(Object.keys(PUBLIC_API_ROUTES).sort()).toEqual(files.sort());
  });

  it("answers POST and GET with the handlers' status, headers and body", async () => {
    const authorized = await send("POST", "/api/v1/authorize", { body: JSON.stringify({ channel: "voice_call" }) });
    expect(authorized.status).toBe(200);
    expect(authorized.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(authorized.text)).toMatchObject({ allowed: true, balance: "25.000000", minimumBalance: "10.00" });

    const event = { id: "door-1", channel: "sms", quantity: 1 };
    const first = await send("POST", "/api/v1/usage-events", { body: JSON.stringify(event), headers: { "idempotency-key": "door" } });
    const replay = await send("POST", "/api/v1/usage-events", { body: JSON.stringify(event), headers: { "idempotency-key": "door" } });
    expect(JSON.parse(first.text).results[0].status).toBe("charged");
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(JSON.parse(replay.text)).toEqual(JSON.parse(first.text));

    const listed = await send("GET", "/api/v1/usage-events?channel=sms&limit=1");
    expect(listed.status).toBe(200);
    expect(JSON.parse(listed.text).data).toHaveLength(1);
  });

  it("answers errors in the documented shape: bad key, bad JSON, over-size bodies however they are sent", async () => {
    const anonymous = await send("GET", "/api/v1/wallet", { headers: { authorization: "Bearer nope" } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toBe("Bearer");

    const malformed = await send("POST", "/api/v1/authorize", { body: "{" });
    expect([malformed.status, JSON.parse(malformed.text).error.code]).toEqual([400, "invalid_json"]);

    const declared = await send("POST", "/api/v1/usage-events", { body: "x".repeat(1024 * 1024 + 1) });
    expect([declared.status, JSON.parse(declared.text).error.code]).toEqual([413, "payload_too_large"]);

    const streamed = await send("POST", "/api/v1/usage-events", { body: Array.from({ length: 5 }, () => Buffer.alloc(512 * 1024, 32)) });
    expect([streamed.status, JSON.parse(streamed.text).error.code]).toEqual([413, "payload_too_large"]);
  });

  it("leaves other paths and methods to Next.js", async () => {
    expect((await send("GET", "/api/v1/nothing-here")).status).toBe(418);
    expect((await send("DELETE", "/api/v1/authorize")).status).toBe(418);
    expect((await send("GET", "/api/v1/authorize")).status).toBe(418);
    expect((await send("GET", "/api/v1/authorizeX")).status).toBe(418);
    expect((await send("GET", "/login")).status).toBe(418);
  });
});
