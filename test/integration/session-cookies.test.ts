// The session cookie's flags as a production server sets them (issue 13, item 4): next-auth's
// handler with the app's authOptions, through a real sign-in — the CSRF token first, then the
// credentials — against the database, read as the Set-Cookie headers it writes. HttpOnly and
// SameSite=Lax always; Secure, under the __Secure-/__Host- names the browser then enforces,
// whenever NEXTAUTH_URL is https. (next-auth's App Router handler, which the route file uses,
// needs a Next.js request scope; this is the same core behind its Node.js one. The cookies the
// e2e server sends over http are checked in e2e/security.spec.ts.)
import NextAuth from "next-auth";
import { afterEach, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { createUser, FACTORY_PASSWORD } from "@/prisma/factories";

type Answer = { status: number; setCookie: string[]; body: unknown };

/** One request to next-auth's handler, as its Node.js (pages) form takes it. */
async function nextAuth(request: { method: string; route: string[]; headers: Record<string, string>; cookies?: Record<string, string>; body?: object }): Promise<Answer> {
  const headers = new Map<string, string | string[]>();
  const answer: Answer = { status: 200, setCookie: [], body: undefined };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader(name: string, value: string | string[]) {
      headers.set(name.toLowerCase(), value);
      return res;
    },
    end: () => {},
    json: (body: unknown) => void (answer.body = body),
    send: (body: unknown) => void (answer.body = body),
  };
  const req = { method: request.method, query: { nextauth: request.route }, headers: request.headers, cookies: request.cookies ?? {}, body: request.body ?? {} };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: typeof authOptions) => Promise<void>)(req, res, authOptions);
  answer.setCookie = [headers.get("set-cookie") ?? []].flat();
  return answer;
}

/** Signs in with NEXTAUTH_URL set to `base`; answers every Set-Cookie header, by cookie name. */
async function signIn(base: string): Promise<Map<string, string>> {
  process.env.NEXTAUTH_URL = base;
  process.env.NEXTAUTH_SECRET ??= "session-cookie-test-secret-0123456789abcdef";
  const user = await createUser();
  const headers = { host: new URL(base).host, "x-forwarded-for": "198.51.100.20" };
  const csrf = await nextAuth({ method: "GET", route: ["csrf"], headers });
  const cookies = Object.fromEntries(csrf.setCookie.map((header) => header.split(";")[0].split("=") as [string, string]));
  const callback = await nextAuth({
    method: "POST",
    route: ["callback", "credentials"],
    headers,
    cookies: Object.fromEntries(Object.entries(cookies).map(([name, value]) => [name, decodeURIComponent(value)])),
    body: { csrfToken: (csrf.body as { csrfToken: string }).csrfToken, email: user.email, password: FACTORY_PASSWORD, json: "true" },
  });
  expect((callback.body as { url: string }).url).not.toContain("error");
  return new Map([...csrf.setCookie, ...callback.setCookie].map((header) => [header.slice(0, header.indexOf("=")), header]));
}

/** A Set-Cookie header's attributes, lower-cased. */
const attributes = (header: string | undefined) => (header ?? "").split(";").slice(1).map((part) => part.trim().toLowerCase());

describe("session cookies", () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
  });

  it("behind https: HttpOnly, SameSite=Lax, Secure, under the __Secure- and __Host- names", async () => {
    const cookies = await signIn("https://saldo.example");
    const session = cookies.get("__Secure-next-auth.session-token");
    expect(session, [...cookies.keys()].join(", ")).toBeDefined();
    expect(attributes(session)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "secure", "path=/"]));
    expect(attributes(cookies.get("__Host-next-auth.csrf-token"))).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "secure", "path=/"]));
    // Every cookie next-auth sets is Secure there.
    for (const [name, header] of cookies) expect(attributes(header), name).toContain("secure");
  });

  it("on plain http (a local server): HttpOnly and SameSite=Lax, not Secure (a browser would drop it)", async () => {
    const cookies = await signIn("http://localhost:3000");
    const session = cookies.get("next-auth.session-token");
    expect(session, [...cookies.keys()].join(", ")).toBeDefined();
    expect(attributes(session)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
    expect(attributes(session)).not.toContain("secure");
  });
});
