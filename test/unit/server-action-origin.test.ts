import { describe, expect, it } from "vitest";
import { foreignServerActionOrigin } from "@/lib/http/server-action-origin";

const check = (headers: Record<string, string>) => foreignServerActionOrigin(new Headers(headers));

describe("foreignServerActionOrigin (Next.js's own rule, answered before Next.js throws)", () => {
  it("accepts the site's own origin, by Host or by the first X-Forwarded-Host", () => {
    expect(check({ origin: "http://localhost:3000", host: "localhost:3000" })).toBeNull();
    expect(check({ origin: "https://saldo.example", host: "10.0.0.7:3000", "x-forwarded-host": "saldo.example, proxy.internal" })).toBeNull();
  });

  it("lets a request without Origin through, as Next.js does", () => {
    expect(check({ host: "localhost:3000" })).toBeNull();
  });

  it.each([
    [{ origin: "https://evil.example", host: "localhost:3000" }, /evil\.example/],
    [{ origin: "http://localhost:3001", host: "localhost:3000" }, /not this site/],
    [{ origin: "null", host: "localhost:3000" }, /"null"/],
    [{ origin: "not a url", host: "localhost:3000" }, /not a URL/],
    [{ origin: "https://saldo.example", host: "saldo.example", "x-forwarded-host": "evil.example" }, /not this site/],
    [{ origin: "https://saldo.example" }, /no Host/],
  ])("refuses %j", (headers, reason) => {
    expect(check(headers)).toMatch(reason);
  });

  it("keeps what it quotes short", () => {
    expect(check({ origin: `https://${"a".repeat(5000)}.example`, host: "localhost" })!.length).toBeLessThan(300);
  });
});
