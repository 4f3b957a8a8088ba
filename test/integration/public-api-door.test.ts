// The production server's door to the public API (scripts/lib/public-api.ts), over real HTTP
// against the real database: what the route handlers answer in-process must come back
// unchanged through a socket; every method and path under /api/v1 gets the API's JSON answers,
// and anything else must be left to Next.js.
import { globSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_API_ROUTES } from "@/app/api/v1/routes";
import { adjustBalance } from "@/lib/ledger/adjust";
import { answerPublicApi, refuseUnroutableMethod } from "@/scripts/lib/public-api";
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
    // A string body is sent with its Content-Length (Node.js frames GET and DELETE bodies no other way).
    const length = typeof options.body === "string" ? { "content-length": Buffer.byteLength(options.body) } : {};
    const headers = { authorization: `Bearer ${key}`, ...length, ...options.headers };
    const request = http.request(`${base}${path}`, { method, headers }, (response) => {
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

  it("answers HEAD as GET without a body", async () => {
    const get = await send("GET", "/api/v1/wallet");
    const head = await send("HEAD", "/api/v1/wallet");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(head.headers["content-type"]).toMatch(/application\/json/);
    expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(get.text)));
    const list = await send("HEAD", "/api/v1/usage-events?limit=1");
    expect([list.status, list.text]).toEqual([200, ""]);
    expect((await send("HEAD", "/api/v1/wallet", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("answers HEAD as GET in-process too, as Next.js's router calls it", async () => {
    const route = PUBLIC_API_ROUTES["/api/v1/wallet"];
    for (const handler of [route.HEAD, route.GET]) {
      const response = await handler(new Request("http://saldo.test/api/v1/wallet", { method: "HEAD", headers: { authorization: `Bearer ${key}` } }));
      expect(response.status).toBe(200);
    }
  });

  it("answers methods a route does not serve with a JSON 405 and Allow — TRACE too", async () => {
    const cases: [string, string, string][] = [
      ["TRACE", "/api/v1/wallet", "GET, HEAD, OPTIONS"],
      ["TRACE", "/api/v1/authorize", "POST, OPTIONS"],
      ["PROPFIND", "/api/v1/prices", "GET, HEAD, OPTIONS"],
      ["GET", "/api/v1/authorize", "POST, OPTIONS"],
      ["DELETE", "/api/v1/authorize", "POST, OPTIONS"],
      ["PUT", "/api/v1/usage-events", "GET, HEAD, POST, OPTIONS"],
      ["PATCH", "/api/v1/wallet", "GET, HEAD, OPTIONS"],
      ["POST", "/api/v1/wallet", "GET, HEAD, OPTIONS"],
    ];
    for (const [method, path, allow] of cases) {
      const response = await send(method, path, { body: ["POST", "PUT", "PATCH", "DELETE"].includes(method) ? "{}" : undefined });
      expect([method, path, response.status, response.headers.allow]).toEqual([method, path, 405, allow]);
      expect(JSON.parse(response.text).error).toMatchObject({ code: "method_not_allowed" });
    }
    const head = await send("HEAD", "/api/v1/authorize");
    expect([head.status, head.headers.allow, head.text]).toEqual([405, "POST, OPTIONS", ""]);
    const options = await send("OPTIONS", "/api/v1/usage-events");
    expect([options.status, options.headers.allow]).toEqual([204, "GET, HEAD, POST, OPTIONS"]);
  });

  it("answers unknown paths under /api/v1 with a JSON 404, whatever the method", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/nothing-here"],
      ["GET", "/api/v1"],
      ["GET", "/api/v1/wallet/extra"],
      ["POST", "/api/v1/authorize/x"],
      ["TRACE", "/api/v1/nothing-here"],
      ["DELETE", "/api/v1/usage-events/123"],
      ["HEAD", "/api/v1/nothing-here"],
    ]) {
      const response = await send(method, path, { headers: { authorization: "" } });
      expect([method, path, response.status, response.headers["content-type"]]).toEqual([method, path, 404, "application/json"]);
      if (method !== "HEAD") expect(JSON.parse(response.text).error.code).toBe("not_found");
    }
  });

  it("leaves every other path to Next.js, and trailing slashes to its redirect", async () => {
    expect((await send("GET", "/api/v1authorize")).status).toBe(418);
    expect((await send("GET", "/api/v1/wallet/")).status).toBe(418);
    expect((await send("GET", "/api/webhooks/stripe")).status).toBe(418);
    expect((await send("GET", "/login")).status).toBe(418);
  });
});

describe("the development door (Next.js routes the API; npm run dev)", () => {
  it("answers only the methods Next.js cannot route, as the production door does", async () => {
    const dev = http.createServer((req, res) => {
      if (!refuseUnroutableMethod(PUBLIC_API_ROUTES, req, res)) res.writeHead(418).end("next");
    });
    await new Promise<void>((resolve) => dev.listen(0, "127.0.0.1", resolve));
    const at = `http://127.0.0.1:${(dev.address() as AddressInfo).port}`;
    try {
      const status = (method: string, path: string) =>
        new Promise<{ status: number; allow?: string; text: string }>((resolve, reject) => {
          const request = http.request(`${at}${path}`, { method }, (response) => {
            const chunks: Buffer[] = [];
            response.on("data", (chunk) => chunks.push(chunk));
            response.on("end", () => resolve({ status: response.statusCode!, allow: response.headers.allow, text: Buffer.concat(chunks).toString() }));
          });
          request.on("error", reject);
          request.end();
        });
      const trace = await status("TRACE", "/api/v1/wallet");
      expect([trace.status, trace.allow, JSON.parse(trace.text).error.code]).toEqual([405, "GET, HEAD, OPTIONS", "method_not_allowed"]);
      expect((await status("PROPFIND", "/api/v1/nothing")).status).toBe(404);
      for (const [method, path] of [["GET", "/api/v1/wallet"], ["DELETE", "/api/v1/authorize"], ["GET", "/api/v1/nothing"], ["TRACE", "/login"]]) {
        expect([method, path, (await status(method, path)).status]).toEqual([method, path, 418]);
      }
    } finally {
      await new Promise<void>((resolve) => dev.close(() => resolve()));
    }
  });
});
