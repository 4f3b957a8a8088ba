import { expect, test, type Page } from "@playwright/test";
import { addTestCard, createApiKey, fillTopUp, screenshotFromTop, signUpNewOwner, workspaceSlugOf } from "./fixtures";

// The ledger shows, after each entry, the available balance the owner knows (paid + trial) and
// which bucket the entry moved — not the balance of that bucket alone (after a call paid with
// trial credit that read $0.00 while $5.00 was available).
test.describe.configure({ timeout: 120_000 });

const TEXT = {
  en: {
    turnOn: "Turn on WhatsApp calling",
    pay: "Pay $5.00",
    trial: "Trial credit",
    paid: "Paid balance",
    availableHeader: "Available after",
    call: { amount: "-$1.00", available: "$5.00" },
    voice: { amount: "-$0.014", available: "$4.986" },
    inline: "Available after: $5.00",
  },
  es: {
    turnOn: "Activar llamadas de WhatsApp",
    pay: "Pagar 5,00 US$",
    trial: "Crédito de prueba",
    paid: "Saldo pagado",
    availableHeader: "Disponible después",
    call: { amount: "-1,00 US$", available: "5,00 US$" },
    voice: { amount: "-0,014 US$", available: "4,986 US$" },
    inline: "Disponible después: 5,00 US$",
  },
} as const;

/**
 * No sideways scroll anywhere on the page, nor inside any table's scroll box (a table for screen
 * readers only, in a clipped 1px box, has none to scroll).
 */
async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() =>
    [document.documentElement, ...[...document.querySelectorAll("table")].filter((table) => !table.closest(".sr-only"))].map((element) => {
      const box = element === document.documentElement ? element : element.parentElement!;
      return box.scrollWidth - box.clientWidth;
    }),
  );
  expect(overflow.every((pixels) => pixels <= 0), `overflow: ${overflow.join(", ")}`).toBe(true);
}

for (const locale of ["en", "es"] as const) {
  test(`the ledger shows the available balance after each entry and its bucket, at desktop and phone width (${locale})`, async ({ browser }) => {
    const text = TEXT[locale];
    const page = await signUpNewOwner(browser, locale, `Ledger ${locale}`);
    const slug = workspaceSlugOf(page);
    // $1.00 of trial credit, then $5.00 paid with a card.
    await page.goto(`/${slug}/settings/channels`);
    await page.getByRole("button", { name: text.turnOn }).click();
    await expect(page.getByTestId("channel-whatsapp_call")).toHaveAttribute("data-state", "active");
    await page.goto(`/${slug}/settings/billing/wallet`);
    await addTestCard(page, "pm_card_visa", "4242");
    await fillTopUp(page, "5", "4242");
    await page.getByTestId("top-up-pay").click();
    await expect(page.locator("[data-testid=top-up-status][data-state=credited]")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("top-up-done").click();

    // Ten minutes of WhatsApp calling use the whole trial credit; then a one-minute voice call, paid.
    const key = await createApiKey(page, slug);
    for (const event of [
      { id: "whatsapp-10min", channel: "whatsapp_call", durationSeconds: 600 },
      { id: "voice-1min", channel: "voice_call", durationSeconds: 60 },
    ]) {
      const response = await page.request.post("/api/v1/usage-events", { headers: { Authorization: `Bearer ${key}` }, data: event });
      expect(response.status()).toBe(200);
    }

    for (const path of ["wallet", "transactions"] as const) {
      await page.goto(`/${slug}/settings/billing/${path}`);
      const rows = page.getByTestId("ledger-row");
      const [voice, call] = [rows.nth(0), rows.nth(1)];
      await expect(page.getByRole("columnheader", { name: text.availableHeader }).first()).toBeVisible();
      await expect(call).toHaveAttribute("data-bucket", "TRIAL");
      await expect(call).toContainText(text.call.amount);
      await expect(call.getByTestId("ledger-bucket")).toHaveText(text.trial);
      await expect(call.getByTestId("ledger-available-after")).toHaveText(text.call.available);
      await expect(voice.getByTestId("ledger-bucket")).toHaveText(text.paid);
      await expect(voice.getByTestId("ledger-available-after")).toHaveText(text.voice.available);
      await screenshotFromTop(page, `ledger-${path}-${locale}`);

      // Phone width: every amount (and the receipt link) without scrolling the table sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(call.getByTestId("ledger-available-after")).toBeHidden();
      await expect(call).toContainText(text.inline);
      await expect(call.getByTestId("ledger-bucket")).toBeVisible();
      if (path === "transactions") await expect(page.getByTestId("payment-receipt").first()).toBeInViewport({ ratio: 1 }).catch(async () => {
        await page.getByTestId("payment-receipt").first().scrollIntoViewIfNeeded();
        await expect(page.getByTestId("payment-receipt").first()).toBeInViewport({ ratio: 1 });
      });
      await expectNoSidewaysScroll(page);
      await screenshotFromTop(page, `ledger-${path}-${locale}-phone`);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.context().close();
  });
}
