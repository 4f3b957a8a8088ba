import { expect, test, type Locator, type Page } from "@playwright/test";
import { addTestCard, createApiKey, screenshot, signUpNewOwner } from "./fixtures";

// Removing a card, revoking an API key and removing the WhatsApp API ask first, in place: the
// button becomes "Sure? Yes / Cancel" (components/ui/inline-confirm.tsx), Cancel takes the focus,
// Escape or Cancel keeps everything and gives the focus back to the button, Yes does it.

/** Opens the question with `trigger`, checks it, and closes it with Escape: nothing happened. */
async function askThenEscape(page: Page, trigger: Locator, question: string | RegExp) {
  await trigger.click();
  const group = page.getByRole("group", { name: question });
  await expect(group).toBeVisible();
  await expect(group.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(group).toHaveCount(0);
  await expect(trigger).toBeFocused();
}

test("removing a card, an API key and the WhatsApp API asks first; Escape keeps them", async ({ browser }) => {
  const page = await signUpNewOwner(browser, "en", "Confirm Co");
  const slug = new URL(page.url()).pathname.split("/")[1];

  // A card: asked, kept, then removed.
  const card = await addTestCard(page, "pm_card_visa", "4242");
  await askThenEscape(page, card.getByTestId("remove-card"), /^Remove Visa\b.*4242\?$/);
  await expect(card).toBeVisible();
  await card.getByTestId("remove-card").click();
  await screenshot(page, "inline-confirm-card-en");
  await card.getByTestId("remove-card-confirm").click();
  await expect(page.locator('[data-testid=payment-method][data-last4="4242"]')).toHaveCount(0);

  // An API key: asked, kept, then revoked.
  await createApiKey(page, slug);
  await page.goto(`/${slug}/settings/developers`);
  const revoke = page.getByRole("button", { name: "Revoke", exact: true });
  await askThenEscape(page, revoke, "Revoke?");
  await revoke.click();
  await page.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke", exact: true })).toHaveCount(0);

  // The WhatsApp API: saved, asked, kept, then removed.
  await page.goto(`/${slug}/settings/channels`);
  await page.getByTestId("whatsapp-api-phoneNumber").fill("+34 600 123 456");
  await page.getByTestId("whatsapp-api-phoneNumberId").fill("106540352242922");
  await page.getByTestId("whatsapp-api-businessAccountId").fill("102290129340398");
  await page.getByTestId("whatsapp-api-save").click();
  await expect(page.getByTestId("whatsapp-api-number")).toHaveText("+34600123456");
  await askThenEscape(page, page.getByTestId("whatsapp-api-remove"), "Remove the WhatsApp API? WhatsApp messages will stop.");
  await expect(page.getByTestId("whatsapp-api-number")).toHaveText("+34600123456");
  await page.getByTestId("whatsapp-api-remove").click();
  await page.getByTestId("whatsapp-api-remove-confirm").click();
  await expect(page.getByTestId("whatsapp-api-summary")).toHaveCount(0);
  await expect(page.getByTestId("whatsapp-api-phoneNumber")).toBeVisible();
  await page.context().close();
});
