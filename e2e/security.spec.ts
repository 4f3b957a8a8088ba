import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { addTestCard, createApiKey, fillTopUp, nextServerAction, replayServerAction, screenshot, signedInPage, signInAndWait, uniqueEmail } from "./fixtures";

// The e2e server is a production build on the Stripe emulator, started with STRIPE_EMULATOR=on
// (scripts/test.ts), so it must say so on every page.
test.describe("production server on the Stripe emulator", () => {
  test("every page, sign-in included, says payments are simulated", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByTestId("emulator-mode-banner")).toContainText("Demo server — payments are simulated.");
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAndWait(page, "acmeOwner");
    await page.goto("/acme/settings/billing/wallet");
    const banner = page.getByTestId("emulator-mode-banner");
    await expect(banner).toContainText("no real money moves");
    await expect(banner).toBeInViewport();
    await screenshot(page, "emulator-mode-banner-390");
  });

  test("in Spanish too", async ({ page, context }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "es", url: test.info().project.use.baseURL! }]);
    await page.goto("/login");
    await expect(page.getByTestId("emulator-mode-banner")).toContainText("Servidor de demostración");
  });
});

test.describe("server actions from another site", () => {
  test("are refused with 403 and change nothing; the same request from the site itself works", async ({ page, request, baseURL }) => {
    // Sign up once through the form, to learn the action's id and the body's shape.
    await page.goto("/signup");
    const first = uniqueEmail("origin");
    await page.getByLabel("Workspace name").fill("Origin Check");
    await page.getByLabel("Your name").fill("Oscar Origin");
    await page.getByLabel("Work e-mail").fill(first);
    await page.getByLabel("Password").fill("a-long-enough-password");
    const [action] = await Promise.all([
      nextServerAction(page),
      page.getByRole("button", { name: "Create workspace" }).click(),
    ]);
    await expect(page).toHaveURL(/\/origin-check(-\d+)?$/);
    const replay = (email: string, origin: string | undefined) =>
      replayServerAction(request, action, action.postData()!.replace(first, email), origin === undefined ? {} : { origin });

    const foreign = uniqueEmail("foreign");
    for (const origin of ["https://evil.example", "null", "not a url", `${baseURL}.evil.example`]) {
      const response = await replay(foreign, origin);
      expect(response.status(), origin).toBe(403);
      expect(await response.text()).toBe("Cross-origin server action refused");
    }
    // Nothing was created: the address cannot sign in.
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(foreign);
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#login-error")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);

    // The site's own origin (what a browser sends) goes through.
    const own = await replay(uniqueEmail("own"), new URL(baseURL!).origin);
    expect(own.status()).toBeLessThan(400);
  });
});

function expectCommonHeaders(response: APIResponse | { headers(): Record<string, string> }, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["permissions-policy"], what).toContain('payment=(self "https://js.stripe.com")');
  // The e2e server is a production build: HSTS is sent (browsers heed it over HTTPS only).
  expect(headers["strict-transport-security"], what).toBe("max-age=63072000; includeSubDomains");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

/**
 * Every route of the build under test (.next/app-path-routes-manifest.json, written by the
 * next build the server runs), each dynamic segment filled with the samples below. A new
 * dynamic segment without samples fails the crawl, so no route is left out.
 */
const SEGMENT_SAMPLES: Record<string, string[]> = {
  // A workspace of the signed-in owner, and another's.
  "[workspace]": ["acme", "tienda-sol"],
  "[...nextauth]": ["session", "csrf", "providers", "signin", "signout", "error", "callback/credentials"],
  "[[...path]]": ["", "nothing/here"],
  // An invitation link that is no invitation (the page says so).
  "[token]": ["not-a-real-token"],
  // The support console's workspace overview: an unknown id, and no id at all.
  "[id]": ["00000000-0000-4000-8000-000000000000", "not-a-uuid"],
};
// Next.js's own error pages, reached through paths no route matches.
const INTERNAL_ROUTES: Record<string, string[]> = { "/_not-found": ["/no-such-page", "/acme/no-such-page"], "/_global-error": [] };

function crawlPaths(): string[] {
  const routes = Object.values(JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8")) as Record<string, string>);
  expect(routes.length).toBeGreaterThan(10);
  return [
    ...new Set(
      routes.flatMap((route) => {
        if (route in INTERNAL_ROUTES) return INTERNAL_ROUTES[route];
        let paths = [""];
        for (const segment of route.split("/").slice(1)) {
          const values = segment.startsWith("[") ? SEGMENT_SAMPLES[segment] : [segment];
          if (!values) throw new Error(`No sample for ${segment} in ${route}: add one to SEGMENT_SAMPLES`);
          paths = paths.flatMap((path) => values.map((value) => (value ? `${path}/${value}` : path)));
        }
        return paths.map((path) => path || "/");
      }),
    ),
  ];
}

test.describe("security headers", () => {
  /** Every Content-Security-Policy violation and console error the page reports. */
  async function watchViolations(page: Page) {
    const problems: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
      });
    });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    return problems;
  }

  test("the wallet, adding a 3-D Secure card and adding funds run under a nonce CSP with no violation", async ({ page }) => {
    test.setTimeout(90_000);
    const problems = await watchViolations(page);
    await page.goto("/signup");
    await page.getByLabel("Workspace name").fill("CSP Check");
    await page.getByLabel("Your name").fill("Cora Policy");
    await page.getByLabel("Work e-mail").fill(uniqueEmail("csp"));
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create workspace" }).click();
    // Sign-up lands on the dashboard (the walkthrough); the wallet is one step on.
    await expect(page).toHaveURL(/\/csp-check(-\d+)?$/);
    await page.goto(`${new URL(page.url()).pathname}/settings/billing/wallet`);

    const response = await page.reload();
    expectCommonHeaders(response!, "wallet page");
    const csp = response!.headers()["content-security-policy"];
    const scriptSrc = csp.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(csp).toContain("frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com");
    // Every script Next.js writes into a page carries that response's nonce (chunks it loads
    // later are trusted through 'strict-dynamic').
    const again = await page.request.get(page.url());
    const againNonce = /'nonce-([^']+)'/.exec(again.headers()["content-security-policy"])![1];
    expect(againNonce).not.toBe(nonce);
    const tags = (await again.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).toContain(`nonce="${againNonce}"`);

    // The test-mode 3-D Secure panel calls the emulator's public URL (connect-src).
    await addTestCard(page, "pm_card_authenticationRequiredOnSetup", "3155", { threeDSecure: true });
    await fillTopUp(page, "25", "3155");
    await page.getByTestId("top-up-pay").click();
    await page.getByTestId("three-d-secure-complete").click();
    await expect(page.locator("[data-testid=top-up-status][data-state=credited]")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("top-up-done").click();
    expect(problems).toEqual([]);
  });

  test("the sign-in page and API answers, through Next.js and through the production API door", async ({ request }) => {
    const login = await request.get("/login");
    expect(login.status()).toBe(200);
    expectCommonHeaders(login, "/login");
    expect(login.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);

    // The public API (the door in production) answers 401 without a key, with the headers.
    const api = await request.get("/api/v1/wallet");
    expect(api.status()).toBe(401);
    expectCommonHeaders(api, "/api/v1/wallet");
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    // Routes Next.js serves itself: the Stripe webhook and next-auth.
    const webhook = await request.post("/api/webhooks/stripe", { data: "{}", headers: { "content-type": "application/json" } });
    expect(webhook.status()).toBe(400);
    expectCommonHeaders(webhook, "/api/webhooks/stripe");
    const providers = await request.get("/api/auth/providers");
    expect(providers.status()).toBe(200);
    expectCommonHeaders(providers, "/api/auth/providers");
    // An unknown path is Next.js's 404 page: headers too.
    expectCommonHeaders(await request.get("/no-such-page"), "404 page");
  });
});

test.describe("security headers on every route", () => {
  /** GETs `path` without following redirects; checks the answer is no 5xx and has the headers; answers it. */
  async function crawl(request: APIRequestContext, who: string, path: string, headers: Record<string, string> = {}) {
    const response = await request.get(path, { maxRedirects: 0, headers });
    const what = `${who}: GET ${path} → ${response.status()}`;
    expect(response.status(), what).toBeLessThan(500);
    expectCommonHeaders(response, what);
    return response;
  }

  test("every route of the build, anonymously and as a signed-in owner with an API key, and the assets its pages load", async ({ page, playwright, baseURL }) => {
    test.setTimeout(120_000);
    const paths = crawlPaths();
    const anonymous = await playwright.request.newContext({ baseURL });
    await signInAndWait(page, "acmeOwner");
    const key = await createApiKey(page, "acme");
    const statuses: string[] = [];
    for (const path of paths) {
      const asAnonymous = await crawl(anonymous, "anonymous", path);
      const asOwner = await crawl(page.request, "owner", path, path.startsWith("/api/v1") ? { Authorization: `Bearer ${key}` } : {});
      statuses.push(`${path} ${asAnonymous.status()}/${asOwner.status()}`);
    }
    // What the signed-in owner's own pages load: scripts, styles, the icon.
    const html = await (await page.request.get("/acme/settings/billing/wallet")).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+|\/icon\.svg[^"]*)"/g)].map((match) => match[1].replaceAll("&amp;", "&"));
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of new Set(assets)) expect((await crawl(anonymous, "anonymous", asset)).status(), asset).toBe(200);
    console.log(`[security] ${paths.length} paths × 2 identities, ${new Set(assets).size} assets: ${statuses.join(", ")}`);
    // The crawl saw both sides of the door: a page the owner reads, and the same page refused to a stranger.
    expect(statuses).toContain("/acme/settings/billing/wallet 307/200");
    await anonymous.dispose();
  });

  test("the session cookie next-auth sets on sign-in is HttpOnly and SameSite=Lax (Secure on https: test/integration/session-cookies.test.ts)", async ({ page, baseURL }) => {
    await signInAndWait(page, "acmeOwner");
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
    expect(session, cookies.map((cookie) => cookie.name).join(", ")).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/", secure: baseURL!.startsWith("https:") });
    expect(cookies.find((cookie) => cookie.name.endsWith("next-auth.csrf-token"))).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });
});

test.describe("the public API's rate limit", () => {
  // The e2e server runs with a small bucket (scripts/test.ts): API_RATE_LIMIT_BURST per key, refilled at API_RATE_LIMIT_PER_SECOND.
  const BURST = Number(process.env.API_RATE_LIMIT_BURST ?? 200);

  test("past the burst a key gets 429 with Retry-After in the API's error shape; after waiting that long it is served again", async ({ page }) => {
    await signInAndWait(page, "acmeOwner");
    const key = await createApiKey(page, "acme");
    const get = () => page.request.get("/api/v1/wallet", { headers: { Authorization: `Bearer ${key}` } });
    const answers = await Promise.all(Array.from({ length: BURST * 3 }, get));
    const limited = answers.filter((answer) => answer.status() === 429);
    expect(answers.filter((answer) => answer.status() === 200).length).toBeGreaterThanOrEqual(BURST);
    expect(limited.length, `of ${answers.length} at once`).toBeGreaterThan(0);
    expect(limited.length + answers.filter((answer) => answer.status() === 200).length).toBe(answers.length);
    const retryAfter = limited[0].headers()["retry-after"];
    expect(retryAfter).toMatch(/^[1-9]\d*$/);
    expect(await limited[0].json()).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("retry in") } });
    expectCommonHeaders(limited[0], "429");
    // Another key of the same workspace has a bucket of its own.
    expect((await page.request.get("/api/v1/wallet", { headers: { Authorization: `Bearer ${await createApiKey(page, "acme")}` } })).status()).toBe(200);
    await page.waitForTimeout(Number(retryAfter) * 1000);
    expect((await get()).status()).toBe(200);
  });
});

test.describe("sign-in throttling", () => {
  test("after a few wrong passwords the form says how long to wait, not that the account is locked", async ({ page }) => {
    const email = uniqueEmail("throttle");
    await page.goto("/login");
    // Four attempts go straight through; from the fifth on each one makes the next wait 1 s,
    // 2 s, 4 s…, so typing at human speed meets a wait within a few more.
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 9 && !answers.at(-1)?.startsWith("Too many"); attempt++) {
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(`wrong-${attempt}`);
      await Promise.all([
        page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      answers.push((await page.locator("#login-error").textContent()) ?? "");
    }
    expect(answers.slice(0, 5)).toEqual(Array(5).fill("Invalid e-mail or password."));
    expect(answers.at(-1)).toMatch(/^Too many attempts\. Try again in \d+ seconds?\.$/);
  });
});

test.describe("signing out", () => {
  test("ends the session on the server: a copy of the cookie taken before is refused after", async ({ browser }) => {
    const page = await signedInPage(browser, "acmeBilling");
    await page.goto("/acme/settings/billing/wallet");
    await expect(page.getByTestId("available-balance")).toBeVisible();

    // Someone copies the session cookie (a stolen laptop, a shared computer, malware).
    const copied = await browser.newContext({ storageState: await page.context().storageState() });
    const thief = await copied.newPage();
    await thief.goto("/acme/settings/billing/wallet");
    await expect(thief.getByTestId("available-balance")).toBeVisible();

    await page.getByRole("button", { name: /Account menu/ }).filter({ visible: true }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    // The copy still holds a correctly signed, unexpired JWT, and is refused everywhere.
    await thief.goto("/acme/settings/billing/wallet");
    await expect(thief).toHaveURL(/\/login/);
    await expect(thief.getByTestId("available-balance")).toHaveCount(0);
    const csv = await copied.request.get("/acme/settings/billing/usage/export", { maxRedirects: 0 });
    expect(csv.status()).toBe(401);
    await copied.close();
    await page.context().close();
  });
});
