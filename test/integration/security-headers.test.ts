// The security headers: the policy builder, the proxy that puts them on every page (with a
// per-request nonce Next.js picks up from the request), next.config.ts's for the API routes
// Next.js serves, and the production API door over real HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_API_ROUTES } from "@/app/api/v1/routes";
import {
  API_CONTENT_SECURITY_POLICY,
  apiSecurityHeaders,
  commonSecurityHeaders,
  newNonce,
  pageContentSecurityPolicy,
} from "@/lib/http/security-headers";
import nextConfig from "@/next.config";
import { proxy } from "@/proxy";
import { answerPublicApi } from "@/scripts/lib/public-api";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((directive) => {
      const [name, ...values] = directive.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

const base = { nonce: "bm9uY2U=", development: false, emulatorOrigin: null, https: false };

describe("pageContentSecurityPolicy", () => {
  it("allows scripts by nonce only, never inline or eval, in production", () => {
    const policy = directives(pageContentSecurityPolicy(base));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'", "https://js.stripe.com", "https://*.js.stripe.com"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'self'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
    expect(policy.has("upgrade-insecure-requests")).toBe(false);
  });

  it("lets Stripe Elements and 3-D Secure work: Stripe.js, its frames and its API", () => {
    const policy = directives(pageContentSecurityPolicy(base));
    expect(policy.get("frame-src")).toEqual(["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"]);
    expect(policy.get("connect-src")).toEqual(["'self'", "https://api.stripe.com"]);
    expect(policy.get("img-src")).toContain("https://*.stripe.com");
  });

  it("adds eval for React's dev tooling in development only", () => {
    expect(directives(pageContentSecurityPolicy({ ...base, development: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy(base)).not.toContain("unsafe-eval");
  });

  it("lets the browser call the emulator in test mode, and upgrades sub-resources on https", () => {
    const policy = directives(pageContentSecurityPolicy({ ...base, emulatorOrigin: "http://127.0.0.1:12111", https: true }));
    expect(policy.get("connect-src")).toContain("http://127.0.0.1:12111");
    expect(policy.has("upgrade-insecure-requests")).toBe(true);
  });

  it("gets a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the other headers", () => {
  it("are the same on pages and API answers; HSTS in production only", () => {
    expect(commonSecurityHeaders({ production: false })).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
      "Permissions-Policy": 'camera=(), microphone=(), geolocation=(), usb=(), browsing-topics=(), payment=(self "https://js.stripe.com")',
    });
    expect(commonSecurityHeaders({ production: true })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(apiSecurityHeaders({ production: false })["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe("proxy.ts", () => {
  it("puts a fresh nonce policy on a page and hands the same policy to Next.js's renderer", async () => {
    const first = await proxy(new NextRequest("http://localhost:3000/login"));
    const second = await proxy(new NextRequest("http://localhost:3000/login"));
    const policy = first.headers.get("content-security-policy")!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(second.headers.get("content-security-policy")).not.toBe(policy);
    // NextResponse.next({ request: { headers } }) passes request headers this way.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
  });

  it("puts them on the redirect to the login page and on a refused server action too", async () => {
    const redirect = await proxy(new NextRequest("http://localhost:3000/acme"));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const refused = await proxy(
      new NextRequest("http://localhost:3000/signup", { method: "POST", headers: { "next-action": "x", origin: "https://evil.example", host: "localhost:3000" } }),
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });
});

describe("next.config.ts", () => {
  it("gives every API route Next.js serves the API headers", async () => {
    const rules = await nextConfig.headers!();
    const api = rules.find((rule) => rule.source === "/api/:path*")!;
    expect(Object.fromEntries(api.headers.map(({ key, value }) => [key, value]))).toEqual(apiSecurityHeaders({ production: false }));
  });
});

describe("the production API door", () => {
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (!answerPublicApi(PUBLIC_API_ROUTES, req, res)) res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers with the API headers, errors included", async () => {
    for (const response of [await fetch(`${url}/api/v1/wallet`), await fetch(`${url}/api/v1/usage-events`, { method: "POST", body: "{" })]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("content-type")).toContain("application/json");
    }
  });
});
