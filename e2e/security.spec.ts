import { expect, test } from "@playwright/test";
import { screenshot, signInAndWait, uniqueEmail } from "./fixtures";

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
    await expect(page).toHaveURL(/\/settings\/billing\/wallet$/);
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
