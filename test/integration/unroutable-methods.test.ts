// What Next.js could not answer without a 5xx (issue 13): methods no route file can export, to
// any path (scripts/lib/unroutable-methods.ts, in front of Next.js in scripts/app-server.ts),
// and the two requests next-auth answered with a 500 (lib/auth/next-auth-input.ts). The same
// requests against the real production server are in e2e/hostile-http.spec.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET, OPTIONS, POST } from "@/app/api/webhooks/stripe/route";
import { refuseWhatNextAuthCannotRead } from "@/lib/auth/next-auth-input";
import { API_CONTENT_SECURITY_POLICY } from "@/lib/http/security-headers";
import { refuseUnroutableMethodAnywhere } from "@/scripts/lib/unroutable-methods";
import { DEFAULT_EMULATOR_WEBHOOK_SECRET } from "@/tools/stripe-emulator";

describe("methods Next.js cannot route, on every path", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (!refuseUnroutableMethodAnywhere(req, res)) res.writeHead(418).end("next");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string, path: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, method, path }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(chunks).toString() }));
      });
      request.on("error", reject);
      request.end();
    });

  it.each(["/api/webhooks/stripe", "/api/auth/session", "/api/anything"])("TRACE and PROPFIND %s: the API's JSON 405 with Allow and its headers", async (path) => {
    for (const method of ["TRACE", "PROPFIND", "QUERY"]) {
      const answer = await send(method, path);
      expect(answer.status).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      expect(answer.headers["content-security-policy"]).toBe(API_CONTENT_SECURITY_POLICY);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
      expect(JSON.parse(answer.text).error.code).toBe("method_not_allowed");
    }
  });

  it("TRACE to a page: a plain 405 with the headers, not Next.js's 500", async () => {
    const answer = await send("TRACE", "/login");
    expect([answer.status, answer.headers["content-type"], answer.text]).toEqual([405, "text/plain; charset=utf-8", "Method Not Allowed"]);
    expect(answer.headers["x-frame-options"]).toBe("DENY");
  });

  it("leaves every method a route file can export to Next.js", async () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) expect((await send(method, "/login")).status).toBe(418);
  });
});

describe("the Stripe webhook route's other methods", () => {
  it("answer the API's JSON 405 with Allow, OPTIONS 204", async () => {
    for (const handler of [GET, DELETE]) {
      const response = await handler(new Request("http://saldo.test/api/webhooks/stripe"));
      expect([response.status, response.headers.get("allow")]).toEqual([405, "POST, OPTIONS"]);
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
    expect((await OPTIONS(new Request("http://saldo.test/api/webhooks/stripe", { method: "OPTIONS" }))).status).toBe(204);
    // POST is still the webhook: an unsigned body is refused as before.
    process.env.STRIPE_WEBHOOK_SECRET ??= DEFAULT_EMULATOR_WEBHOOK_SECRET;
    expect((await POST(new Request("http://saldo.test/api/webhooks/stripe", { method: "POST", body: "{}" }))).status).toBe(400);
  });
});

describe("next-auth's route, before next-auth", () => {
  const request = (method: string, body?: string, contentType = "application/json") =>
    new Request("http://saldo.test/api/auth/x", { method, body, headers: { "content-type": contentType } });

  it("refuses a GET to the credentials callback (next-auth threw: a 500)", async () => {
    const refusal = await refuseWhatNextAuthCannotRead(request("GET"), ["callback", "credentials"]);
    expect([refusal?.status, refusal?.headers.get("allow")]).toEqual([405, "POST"]);
  });

  it("refuses a JSON body that is not JSON (next-auth parsed it unguarded: a 500)", async () => {
    for (const body of ["", "{", "x".repeat(100), "[1,"]) {
      const refusal = await refuseWhatNextAuthCannotRead(request("POST", body), ["callback", "credentials"]);
      expect(refusal?.status, JSON.stringify(body)).toBe(400);
      expect((await refusal!.json()).error.code).toBe("invalid_json");
    }
  });

  it("lets everything else through: the sign-in form, valid JSON, every other GET", async () => {
    expect(await refuseWhatNextAuthCannotRead(request("POST", "email=a&password=b", "application/x-www-form-urlencoded"), ["callback", "credentials"])).toBeNull();
    expect(await refuseWhatNextAuthCannotRead(request("POST", '{"csrfToken":"x"}'), ["signout"])).toBeNull();
    expect(await refuseWhatNextAuthCannotRead(request("GET"), ["session"])).toBeNull();
    expect(await refuseWhatNextAuthCannotRead(request("GET"), ["csrf"])).toBeNull();
  });
});
