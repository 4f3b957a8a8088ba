import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { addTestCard, fillTopUp, screenshot, signInAndWait, uniqueEmail } from "./fixtures";

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
      page.waitForRequest((candidate) => candidate.method() === "POST" && !!candidate.headers()["next-action"]),
      page.getByRole("button", { name: "Create workspace" }).click(),
    ]);
    await expect(page).toHaveURL(/\/origin-check(-\d+)?$/);
    const replay = (email: string, origin: string | undefined) =>
      request.post(action.url(), {
        headers: {
          "next-action": action.headers()["next-action"],
          "content-type": action.headers()["content-type"],
          accept: "text/x-component",
          ...(origin === undefined ? {} : { origin }),
        },
        data: action.postData()!.replace(first, email),
      });

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
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAndWait(page, "acmeBilling");
    await page.goto("/acme/settings/billing/wallet");
    await expect(page.getByTestId("available-balance")).toBeVisible();

    // Someone copies the session cookie (a stolen laptop, a shared computer, malware).
    const copied = await browser.newContext({ storageState: await context.storageState() });
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
    await context.close();
  });
});
