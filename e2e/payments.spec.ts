import { expect, test, type Page } from "@playwright/test";
import { formatMoney, fromMajorUnits } from "../lib/money";
import { addTestCard, fillTopUp, nextServerAction, paidBalanceMicros, replayServerAction, saveTestCard, screenshotFromTop, signedInPage, signInAndWait } from "./fixtures";

// Cards are added with the local Stripe emulator's test tokens (npm run test:e2e starts one and
// points the app at it); the webhook credits the wallet a moment after each payment. The demo
// seed gives no cards, so every journey saves its own. They share workspaces and read exact
// balances, so they run one after the other (other spec files still run alongside).
test.describe.configure({ mode: "default", timeout: 90_000 });

async function payAndWaitForCredit(page: Page) {
  await page.getByTestId("top-up-pay").click();
  // "Payment received — your balance will update in a moment", then the webhook's credit.
  await expect(page.locator("[data-testid=top-up-status][data-state=credited]")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("top-up-done").click();
  await expect(page.getByTestId("add-funds-dialog")).toBeHidden();
}

/** Saves the auto-recharge form switched on, whether or not it was on already. */
async function saveAutoRechargeOn(page: Page) {
  if ((await page.getByTestId("auto-recharge-toggle").getAttribute("aria-checked")) !== "true") {
    await page.getByTestId("auto-recharge-toggle").click();
  }
  await page.getByTestId("auto-recharge-save").click();
}

test.describe("payments", () => {
  test("an owner adds a test Visa, tops up $25 and sees the balance, the ledger entry and the receipt", async ({ page }) => {
    await signInAndWait(page, "acmeOwner");
    await page.goto("/acme/settings/billing/wallet");
    await expect(page.getByTestId("usage-only-note")).toContainText("never for your CRM subscription");
    await expect(page.getByTestId("payment-methods-card")).toContainText("Test mode");

    const card = await addTestCard(page, "pm_card_visa", "4242");
    await expect(card).toContainText("Visa •••• 4242");
    await expect(card).toContainText("Credit");

    const before = await paidBalanceMicros(page);
    await fillTopUp(page, "4.99", "4242");
    await page.getByTestId("top-up-pay").click();
    await expect(page.locator("#top-up-amount-error")).toHaveText("Enter an amount between $5.00 and $10,000.00.");
    // Quick picks and the currency's limits are offered.
    await page.getByTestId("top-up-pick-25").click();
    await expect(page.getByTestId("top-up-amount")).toHaveValue("25");
    await expect(page.getByTestId("add-funds-dialog")).toContainText("Between $5.00 and $10,000.00 per top-up.");
    await expect(page.getByTestId("top-up-pay")).toHaveText("Pay $25.00");
    await payAndWaitForCredit(page);

    await expect(page.getByTestId("paid-balance")).toHaveText(formatMoney(before + fromMajorUnits(25), "USD", "en-US"));
    const entry = page.getByTestId("ledger-row").first();
    await expect(entry).toHaveAttribute("data-kind", "TOP_UP");
    await expect(entry).toContainText("+$25.00");

    // Auto-recharge with the tutorial's suggestion ($5 → $25), shown as on.
    await expect(page.getByTestId("auto-recharge-suggestion")).toContainText("when the balance reaches $5.00, recharge $20.00 or $25.00");
    await page.getByRole("button", { name: "Use suggested values" }).click();
    await expect(page.getByTestId("auto-recharge-threshold")).toHaveValue("5.00");
    await expect(page.getByTestId("auto-recharge-amount")).toHaveValue("25.00");
    await saveAutoRechargeOn(page);
    await expect(page.getByText("Auto-recharge saved.")).toBeVisible();
    await expect(page.getByTestId("auto-recharge-summary")).toContainText("When the balance falls below $5.00, $25.00 is charged to Visa •••• 4242.");
    await screenshotFromTop(page, "wallet-cards-auto-recharge-en");

    // The payment, with its receipt, on the Transactions page; the receipt e-mail in the outbox.
    await page.goto("/acme/settings/billing/transactions");
    const payment = page.locator("[data-testid=payment-row][data-kind=TOP_UP][data-status=SUCCEEDED]").first();
    await expect(payment).toContainText("$25.00");
    await expect(payment).toContainText("Visa •••• 4242");
    await expect(payment.getByTestId("payment-receipt")).toHaveAttribute("href", /^https?:\/\//);
    await screenshotFromTop(page, "transactions-payments-en");
    await page.goto("/outbox");
    await expect(page.locator("[data-testid=outbox-message][data-kind=receipt]").first()).toBeVisible();
  });

  test("a card that declines payments shows the bank's reason and credits nothing", async ({ page }) => {
    await signInAndWait(page, "mumbaiOwner");
    await page.goto("/mumbai-traders/settings/billing/wallet");
    await addTestCard(page, "pm_card_chargeCustomerFail", "0341");
    const before = await paidBalanceMicros(page);
    const latestEntry = await page.getByTestId("ledger-row").first().textContent();

    await fillTopUp(page, "", "0341");
    await page.getByTestId("top-up-pick-500").click();
    await expect(page.getByTestId("top-up-pay")).toHaveText("Pay ₹500.00");
    await page.getByTestId("top-up-pay").click();
    const error = page.getByTestId("top-up-error");
    await expect(error).toContainText("Your card was declined.");
    await expect(error).toContainText("Nothing was charged and your balance is unchanged.");
    await page.getByTestId("top-up-done").click();

    await page.reload();
    expect(await paidBalanceMicros(page)).toBe(before);
    await expect(page.getByTestId("ledger-row").first()).toHaveText(latestEntry!);
    await page.goto("/mumbai-traders/settings/billing/transactions");
    await expect(page.locator("[data-testid=payment-row][data-status=FAILED]").first()).toContainText("Your card was declined.");
  });

  test("a card that declines when saved says so and is not listed", async ({ page }) => {
    await signInAndWait(page, "mumbaiBilling");
    await page.goto("/mumbai-traders/settings/billing/wallet");
    await saveTestCard(page, "pm_card_chargeDeclined");
    await expect(page.getByTestId("add-card-error")).toHaveText("Your card was declined.");
    await expect(page.locator('[data-testid=payment-method][data-last4="0002"]')).toHaveCount(0);
  });

  test("a 3-D Secure top-up completed in the test-mode panel credits the wallet (Spanish)", async ({ page }) => {
    await signInAndWait(page, "tiendaOwner");
    await page.goto("/tienda-sol/settings/billing/wallet");
    await saveTestCard(page, "pm_card_authenticationRequiredOnSetup");
    await expect(page.getByTestId("three-d-secure")).toContainText("Tu banco pide confirmar esta tarjeta (modo de prueba)");
    await page.getByRole("button", { name: "Completar autenticación" }).click();
    await expect(page.getByTestId("card-added")).toContainText("Visa •••• 3155 agregada.");

    const before = await paidBalanceMicros(page, "es");
    await fillTopUp(page, "25", "3155");
    await page.getByTestId("top-up-pay").click();
    await expect(page.getByTestId("three-d-secure")).toContainText("Tu banco pide confirmar este pago (modo de prueba)");
    await page.getByRole("button", { name: "Completar autenticación" }).click();
    await expect(page.locator("[data-testid=top-up-status][data-state=credited]")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("top-up-done").click();
    await expect(page.getByTestId("paid-balance")).toHaveText(formatMoney(before + fromMajorUnits(25), "USD", "es"));
    await expect(page.getByTestId("ledger-row").first()).toHaveAttribute("data-kind", "TOP_UP");

    // WhatsApp calling is on in Tienda Sol: a threshold under the $10 call minimum is warned about.
    await page.getByTestId("auto-recharge-threshold").fill("5");
    await expect(page.getByTestId("auto-recharge-call-minimum-warning")).toContainText("mínimo para llamadas de 10,00");
    await saveAutoRechargeOn(page);
    await expect(page.getByText("Recarga automática guardada.")).toBeVisible();
    await expect(page.getByTestId("auto-recharge-badge")).toHaveText("Activada");
    await screenshotFromTop(page, "wallet-cards-auto-recharge-es");
  });

  test("a member sees cards and auto-recharge but no money controls, and the server refuses a top-up", async ({ browser }) => {
    // The owner tops up $10 once, so we learn the action's id and the request's shape.
    const owner = await signedInPage(browser, "acmeOwner");
    await owner.goto("/acme/settings/billing/wallet");
    if ((await owner.locator('[data-testid=payment-method][data-last4="4242"]').count()) === 0) await addTestCard(owner, "pm_card_visa", "4242");
    await fillTopUp(owner, "10", "4242");
    const [actionRequest] = await Promise.all([
      nextServerAction(owner),
      payAndWaitForCredit(owner),
    ]);
    // "Credited" shows before the page's router.refresh() lands: read the balance from a reload.
    await owner.reload();
    const before = await paidBalanceMicros(owner);

    const member = await signedInPage(browser, "acmeMember");
    await member.goto("/acme/settings/billing/wallet");
    await expect(member.getByTestId("available-balance")).toBeVisible();
    await expect(member.getByTestId("payment-method").first()).toBeVisible();
    await expect(member.getByTestId("payment-methods-read-only")).toBeVisible();
    await expect(member.getByTestId("auto-recharge-read-only")).toBeVisible();
    for (const id of ["add-funds", "add-card", "remove-card", "make-default", "auto-recharge-form"]) {
      await expect(member.getByTestId(id)).toHaveCount(0);
    }
    await screenshotFromTop(member, "wallet-member-en");

    // Replay the owner's startTopUp with the member's session, as a new $25.00 payment.
    const body = actionRequest
      .postData()!
      .replace('"10"', '"25.00"')
      .replace(/"idempotencyKey":"[^"]+"/, `"idempotencyKey":"${crypto.randomUUID()}"`);
    expect(body).toContain('"25.00"');
    const response = await replayServerAction(member.context().request, actionRequest, body);
    expect(await response.text()).toContain('"code":"forbidden"');
    await owner.reload();
    expect(await paidBalanceMicros(owner)).toBe(before);
    await owner.context().close();
    await member.context().close();
  });
});
