import { expect, test, type Page, type Request } from "@playwright/test";
import { addTestCard, screenshotFromTop, signUpNewOwner } from "./fixtures";

// A new owner's first minutes with auto-recharge: every journey signs up its own workspace, so
// it starts with no card and an empty wallet, whatever other journeys do.
test.describe.configure({ timeout: 90_000 });

/**
 * Holds back the page's data refreshes (Next.js's RSC GETs) until `release()`: what a busy
 * server or a slow network does to the moment between "card saved" and the page showing it.
 * Link prefetches (also RSC GETs, marked Next-Router-Prefetch) go through: holding one of them
 * first made `firstHeld` resolve before the card was saved at all.
 */
async function holdRefreshes(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: (request: Request) => void;
  const firstHeld = new Promise<Request>((resolve) => (held = resolve));
  await page.route("**/*", async (route) => {
    const request = route.request();
    const headers = request.headers();
    if (request.method() === "GET" && headers["rsc"] === "1" && !headers["next-router-prefetch"]) {
      held(request);
      await released;
    }
    await route.fallback();
  });
  return { firstHeld, release };
}

test("auto-recharge saved the moment the first card is saved, before the page shows the card, is saved", async ({ browser }) => {
  const page = await signUpNewOwner(browser, "en", "Quick Saver");
  await page.getByTestId("add-card").click();
  await page.getByTestId("test-card-pm_card_visa").check({ force: true });
  await page.getByTestId("auto-recharge-toggle").click();
  // Above the threshold, so that saving charges nothing now and asks nothing.
  await page.getByTestId("auto-recharge-threshold").fill("0");

  const refreshes = await holdRefreshes(page);
  await page.getByTestId("save-card").click();
  // The card is saved on the server and the page asked for its new data, which has not come yet.
  await refreshes.firstHeld;
  await page.getByTestId("auto-recharge-save").click();
  await expect(page.getByTestId("auto-recharge-form").getByRole("alert")).toHaveCount(0);
  // "Card added" waits for the page that lists it: nothing on it says "no card" next to "added".
  await expect(page.getByTestId("card-added")).toHaveCount(0);

  refreshes.release();
  await expect(page.getByText("Auto-recharge saved.")).toBeVisible();
  await expect(page.getByTestId("card-added")).toContainText("Visa •••• 4242");
  await expect(page.locator('[data-testid=payment-method][data-last4="4242"]')).toHaveAttribute("data-default", "true");
  await expect(page.getByTestId("auto-recharge-badge")).toHaveText("On");
  await page.context().close();
});

test("amounts outside the limits are named at their fields, in the reader's language", async ({ browser }) => {
  const page = await signUpNewOwner(browser, "es", "Límites de recarga");
  await page.getByTestId("auto-recharge-amount").fill("4");
  await page.getByTestId("auto-recharge-cap").fill("3");
  await page.getByTestId("auto-recharge-save").click();
  // The server's limits (lib/auto-recharge/limits.ts), all at once, translated by the action.
  await expect(page.locator("#auto-recharge-amount-error")).toHaveText("Escribe un monto de recarga entre 5,00 US$ y 10.000,00 US$.");
  await expect(page.locator("#auto-recharge-cap-error")).toHaveText("El límite mensual debe ser al menos el monto de la recarga.");
  await expect(page.getByTestId("auto-recharge-badge")).toHaveText("Desactivada");
  await page.context().close();
});

const CHARGE_NOW = {
  en: {
    body: "Your available balance ($0.00) is already below the $5.00 threshold, so saving charges $25.00 to Visa •••• 4242 now. Cancel saves nothing.",
    confirm: "Charge $25.00 and save",
    cancel: "Cancel",
    saved: "Auto-recharge saved.",
    on: "On",
    off: "Off",
    credited: "$25.00",
  },
  es: {
    body: "Tu saldo disponible (0,00 US$) ya está por debajo del umbral de 5,00 US$, así que al guardar se cobrarán 25,00 US$ a Visa •••• 4242 ahora. Si cancelas, no se guarda nada.",
    confirm: "Cobrar 25,00 US$ y guardar",
    cancel: "Cancelar",
    saved: "Recarga automática guardada.",
    on: "Activada",
    off: "Desactivada",
    credited: "25,00 US$",
  },
} as const;

for (const locale of ["en", "es"] as const) {
  test(`turning auto-recharge on under the threshold says it charges the card now, and asks first (${locale})`, async ({ browser }) => {
    const text = CHARGE_NOW[locale];
    const page = await signUpNewOwner(browser, locale, `Charge Now ${locale}`);
    await addTestCard(page, "pm_card_visa", "4242");
    const badge = page.getByTestId("auto-recharge-badge");

    // The suggested $5.00 threshold is above the empty wallet's $0.00.
    await page.getByTestId("auto-recharge-toggle").click();
    await page.getByTestId("auto-recharge-save").click();
    const question = page.getByRole("alertdialog");
    await expect(question).toHaveAccessibleDescription(text.body);
    await expect(question.getByRole("button", { name: text.cancel })).toBeFocused();
    await expect(page.getByTestId("auto-recharge-amount")).toBeDisabled();
    await screenshotFromTop(page, `wallet-auto-recharge-confirm-${locale}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await question.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `e2e/.artifacts/screenshots/wallet-auto-recharge-confirm-${locale}-phone.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Cancel saves nothing: still off, here and after a reload, and no recharge started.
    await question.getByRole("button", { name: text.cancel }).click();
    await expect(question).toHaveCount(0);
    await expect(page.getByTestId("auto-recharge-save")).toBeFocused();
    await page.reload();
    await expect(badge).toHaveText(text.off);
    await expect(page.getByTestId("auto-recharge-toggle")).toHaveAttribute("aria-checked", "false");
    await expect(page.getByTestId("auto-recharge-in-flight")).toHaveCount(0);

    // Confirmed: saved, shown as on with the recharge under way, then credited — no reload.
    await page.getByTestId("auto-recharge-toggle").click();
    await page.getByTestId("auto-recharge-save").click();
    await question.getByRole("button", { name: text.confirm }).click();
    await expect(page.getByText(text.saved)).toBeVisible();
    // Together with "saved", not a moment (or a reload) later.
    expect(await badge.textContent()).toBe(text.on);
    await expect(page.getByTestId("available-balance")).toHaveText(text.credited, { timeout: 30_000 });
    await expect(page.getByTestId("auto-recharge-in-flight")).toHaveCount(0);
    await expect(page.getByTestId("ledger-row").first()).toHaveAttribute("data-kind", "AUTO_RECHARGE");
    await screenshotFromTop(page, `wallet-auto-recharge-charged-${locale}`);
    await page.context().close();
  });
}
