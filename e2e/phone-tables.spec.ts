import { expect, test, type Locator, type Page } from "@playwright/test";
import { addTestCard, DEMO_WORKSPACES, fillTopUp, screenshotFromTop, signInAndWait, SIGN_UP_LABELS, uniqueEmail } from "./fixtures";

// At 390 px (a phone) the Usage list and the card payments on Transactions must show every
// amount, every reason and every link without a sideways scroll: each is checked by its box
// against the viewport, without scrolling anything into view first (that would scroll the
// table sideways and hide the very problem).

const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE });
test.describe.configure({ timeout: 90_000 });

/** Fails unless `locator` is shown and lies wholly within the screen's width. */
async function expectOnScreen(locator: Locator, what: string) {
  await expect(locator, `${what} is shown`).toBeVisible();
  const box = (await locator.boundingBox())!;
  expect(box.x, `${what} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends on screen (${PHONE.width} px)`).toBeLessThanOrEqual(PHONE.width);
}

/** How far the table around `row` (and the page) could scroll sideways; 0 when it fits. */
async function sidewaysScroll(row: Locator) {
  return row.evaluate((element) => {
    const scroller = element.closest("table")!.parentElement!;
    const page = document.documentElement;
    return Math.max(scroller.scrollWidth - scroller.clientWidth, page.scrollWidth - page.clientWidth);
  });
}

const OUTCOMES = { en: /^(No answer|Busy|Failed)$/, es: /^(Sin respuesta|Ocupado|Fallida)$/ } as const;

for (const { locale, user, slug } of [
  { locale: "en", user: "acmeOwner", slug: DEMO_WORKSPACES.acme.slug },
  { locale: "es", user: "tiendaOwner", slug: DEMO_WORKSPACES.tiendaSol.slug },
] as const) {
  test(`Usage at 390 px (${locale}): every charge, and why a call cost nothing, is on screen`, async ({ page }) => {
    await signInAndWait(page, user);
    let unconnected = 0;
    // The newest events of every channel, then calls only (where the $0.00 reasons are).
    for (const query of ["", "?channel=voice_call"]) {
      await page.goto(`/${slug}/settings/billing/usage${query}`);
      const rows = page.getByTestId("usage-row");
      await expect(rows.first()).toBeVisible();
      const count = await rows.count();
      for (let i = 0; i < count; i++) {
        const row = rows.nth(i);
        await expectOnScreen(row.getByTestId("usage-charge"), `charge of row ${i + 1}${query}`);
        const detail = row.getByTestId("usage-detail").filter({ visible: true });
        await expectOnScreen(detail, `detail of row ${i + 1}${query}`);
        const outcome = await row.getAttribute("data-outcome");
        if (outcome && outcome !== "connected") {
          unconnected++;
          await expect(detail).toHaveText(OUTCOMES[locale]);
          await expect(row.getByTestId("usage-charge")).toHaveText(/^(\$0\.00|0,00\sUS\$)$/);
        }
      }
      expect(await sidewaysScroll(rows.first())).toBeLessThanOrEqual(0);
    }
    expect(unconnected, "calls that did not connect were on the pages checked").toBeGreaterThan(0);
  });
}

// The form's labels are fixtures.ts's; here Spanish is Mexico's, and the country is chosen.
const SIGN_UP = {
  en: { ...SIGN_UP_LABELS.en, browser: "en-US", country: "US" },
  es: { ...SIGN_UP_LABELS.es, browser: "es-MX", country: "MX" },
} as const;

/** A new workspace of its own (its payments and balance are nobody else's), signed up on the phone. */
async function signUp(page: Page, locale: keyof typeof SIGN_UP) {
  const labels = SIGN_UP[locale];
  await page.goto("/signup");
  await page.getByLabel(labels.workspace).fill(`Phone Tables ${locale} ${Math.random().toString(36).slice(2, 7)}`);
  await page.getByLabel(labels.name).fill("Pat Phone");
  await page.getByLabel(labels.email).fill(uniqueEmail(`phone-${locale}`));
  await page.getByLabel(labels.password, { exact: true }).fill("a-long-enough-password");
  await page.getByLabel(/^(Country|País)$/).selectOption(labels.country);
  await page.getByRole("button", { name: labels.submit }).click();
  // Sign-up lands on the dashboard (the walkthrough); the wallet is one step on.
  // A slow password hash and the workspace's creation: give a busy machine time.
  await expect(page).toHaveURL(/\/phone-tables-[^/]+$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/")[1];
  await page.goto(`/${slug}/settings/billing/wallet`);
  return slug;
}

for (const locale of ["en", "es"] as const) {
  test(`Transactions at 390 px (${locale}): each card payment's amount, status, reason and receipt are on screen`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE, locale: SIGN_UP[locale].browser });
    const page = await context.newPage();
    const slug = await signUp(page, locale);

    // One paid top-up (with Stripe's receipt) and one the bank declines (with its reason).
    await addTestCard(page, "pm_card_visa", "4242");
    await fillTopUp(page, "5", "4242");
    await page.getByTestId("top-up-pay").click();
    await expect(page.locator("[data-testid=top-up-status][data-state=credited]")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("top-up-done").click();
    await addTestCard(page, "pm_card_chargeCustomerFail", "0341");
    await fillTopUp(page, "5", "0341");
    await page.getByTestId("top-up-pay").click();
    await expect(page.getByTestId("top-up-error")).toBeVisible();
    await page.getByTestId("top-up-done").click();

    await page.goto(`/${slug}/settings/billing/transactions`);
    const rows = page.getByTestId("payment-row");
    await expect(rows).toHaveCount(2);
    await screenshotFromTop(page, `transactions-payments-${locale}-phone`);
    const paid = page.locator("[data-testid=payment-row][data-status=SUCCEEDED]");
    const failed = page.locator("[data-testid=payment-row][data-status=FAILED]");
    for (const [row, name] of [
      [paid, "paid top-up"],
      [failed, "declined top-up"],
    ] as const) {
      await expectOnScreen(row.getByTestId("payment-amount"), `amount of the ${name}`);
      await expect(row.getByTestId("payment-amount")).toHaveText(/^(\$5\.00|5,00\sUS\$)$/);
      // The status is also in its own column from md up (hidden here): the one shown counts.
      await expectOnScreen(row.getByTestId("payment-status").filter({ visible: true }), `status of the ${name}`);
    }
    await expectOnScreen(paid.getByTestId("payment-receipt"), "receipt link of the paid top-up");
    await expect(paid.getByTestId("payment-receipt")).toHaveAttribute("href", /^https?:\/\//);
    const reason = failed.getByTestId("payment-reason").filter({ visible: true });
    await expectOnScreen(reason, "bank's reason for the declined top-up");
    await expect(reason).toHaveText(/^(Your card was declined\.|Tu tarjeta fue rechazada\.)$/);
    expect(await sidewaysScroll(rows.first())).toBeLessThanOrEqual(0);
    await context.close();
  });
}
