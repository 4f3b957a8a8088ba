import { expect, type APIRequestContext, type Browser, type Page, type Request } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACES, type DemoUserKey } from "../prisma/seed";

export { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACES };

const SHOTS = "e2e/.artifacts/screenshots";

/** Signs in through the real login form. */
export async function signIn(page: Page, user: DemoUserKey | { email: string; password: string }) {
  const { email, password } = typeof user === "string" ? { email: DEMO_USERS[user].email, password: DEMO_PASSWORD } : user;
  await page.goto("/login");
  await page.getByLabel(/^(E-mail|Correo electrónico)$/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Iniciar sesión)$/ }).click();
}

export async function signInAndWait(page: Page, user: DemoUserKey) {
  await signIn(page, user);
  await expect(page).not.toHaveURL(/\/login/);
}

/** A page in a browser context of its own (its own cookies), signed in as `user`. Close it with `page.context().close()`. */
export async function signedInPage(browser: Browser, user: DemoUserKey) {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, user);
  return page;
}

/** Keeps a screenshot of a key screen for people to look at (CI keeps the folder). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@e2e.example`;
}

/** The sign-up form's labels, and the headings it leads to, in each locale. */
export const SIGN_UP_LABELS = {
  en: { workspace: "Workspace name", name: "Your name", email: "Work e-mail", password: "Password", submit: "Create workspace", wallet: "Wallet", welcome: "Welcome, Nora" },
  es: {
    workspace: "Nombre del espacio de trabajo",
    name: "Tu nombre",
    email: "Correo de trabajo",
    password: "Contraseña",
    submit: "Crear espacio de trabajo",
    wallet: "Billetera",
    welcome: "Hola, Nora",
  },
} as const;

/**
 * Signs a new owner up through the real form, in a browser context of its own speaking `locale`;
 * answers the page, on the new workspace's (empty) wallet. Close it with `page.context().close()`.
 */
export async function signUpNewOwner(
  browser: Browser,
  locale: "en" | "es",
  workspaceName: string,
  options: { viewport?: { width: number; height: number }; country?: string; email?: string; stayOnDashboard?: boolean } = {},
) {
  const context = await browser.newContext({ locale: locale === "es" ? "es-ES" : "en-US", viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const label = SIGN_UP_LABELS[locale];
  await page.goto("/signup");
  await page.getByLabel(label.workspace).fill(workspaceName);
  await page.getByLabel(label.name).fill("Nora New");
  await page.getByLabel(label.email).fill(options.email ?? uniqueEmail("owner"));
  await page.getByLabel(label.password).fill("a-long-enough-password");
  if (options.country) await page.locator("select[name=country]").selectOption(options.country);
  await page.getByRole("button", { name: label.submit }).click();
  // A slow password hash and the workspace's creation: give a busy machine time. Sign-up lands
  // on the dashboard (the onboarding walkthrough); these journeys start in the wallet.
  await expect(page.getByRole("heading", { name: label.welcome, level: 1 })).toBeVisible({ timeout: 30_000 });
  if (!options.stayOnDashboard) {
    await page.goto(`${new URL(page.url()).pathname}/settings/billing/wallet`);
    await expect(page.getByRole("heading", { name: label.wallet, level: 1 })).toBeVisible();
  }
  return page;
}

/** Creates an API key on Settings → Developers and answers its secret. */
export async function createApiKey(page: Page, workspaceSlug: string) {
  await page.goto(`/${workspaceSlug}/settings/developers`);
  await page.locator("#api-key-name").fill("e2e");
  await page.getByTestId("api-key-form").locator("button[type=submit]").click();
  return (await page.getByTestId("api-key-secret").textContent())!.trim();
}

/** The workspace slug of the page's URL (`/acme/settings/…` → `acme`). */
export function workspaceSlugOf(page: Page) {
  return new URL(page.url()).pathname.split("/")[1];
}

// ───────────────────────── payments (wallet page) ─────────────────────────

/** Picks one of Stripe's test cards in the wallet's test-mode picker and saves it; what the wallet answers is the caller's to check. */
export async function saveTestCard(page: Page, token: string) {
  await page.getByTestId("add-card").click();
  await page.getByTestId(`test-card-${token}`).check({ force: true });
  await page.getByTestId("save-card").click();
}

/**
 * Saves one of Stripe's test cards through the wallet's test-mode picker (the local emulator)
 * and waits until it is listed. Cards that ask for 3-D Secure on setup are authenticated in
 * the test-mode panel. Answers the card's row.
 */
export async function addTestCard(page: Page, token: string, last4: string, options: { threeDSecure?: boolean } = {}) {
  await saveTestCard(page, token);
  if (options.threeDSecure) {
    await expect(page.getByTestId("three-d-secure")).toBeVisible();
    await page.getByTestId("three-d-secure-complete").click();
  }
  await expect(page.getByTestId("card-added")).toContainText(last4);
  const row = page.locator(`[data-testid=payment-method][data-last4="${last4}"]`).first();
  await expect(row).toBeVisible();
  return row;
}

/** Opens Add funds, chooses the card ending in `last4` and types the amount. */
export async function fillTopUp(page: Page, amount: string, last4: string) {
  await page.getByTestId("add-funds").click();
  await expect(page.getByTestId("add-funds-dialog")).toBeVisible();
  const select = page.getByTestId("top-up-card");
  const value = await select.locator("option", { hasText: last4 }).first().getAttribute("value");
  await select.selectOption(value!);
  await page.getByTestId("top-up-amount").fill(amount);
}

/** The paid balance shown on the wallet, as exact micro-units (en: "$1,234.50", es: "1.234,50 US$"). */
export async function paidBalanceMicros(page: Page, locale: "en" | "es" = "en"): Promise<bigint> {
  const text = (await page.getByTestId("paid-balance").textContent()) ?? "";
  const negative = /[-−]/.test(text);
  const digits = locale === "es" ? text.replace(/[^\d,]/g, "").replace(",", ".") : text.replace(/[^\d.]/g, "");
  const [whole, fraction = ""] = digits.split(".");
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
  return negative ? -micros : micros;
}

/** Scrolls to the top first, so the sticky header is where it belongs in a full-page shot. */
export async function screenshotFromTop(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The next server-action request `page` sends (a POST with a Next-Action header). */
export function nextServerAction(page: Page): Promise<Request> {
  return page.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]);
}

/**
 * Sends a server-action request captured from a browser again, as `request`'s session (another
 * user's, or none), with `body` instead of its own and any headers added; answers the response.
 */
export function replayServerAction(request: APIRequestContext, action: Request, body: string, headers: Record<string, string> = {}) {
  return request.post(action.url(), {
    headers: {
      "next-action": action.headers()["next-action"],
      "content-type": action.headers()["content-type"],
      accept: "text/x-component",
      ...headers,
    },
    data: body,
  });
}
