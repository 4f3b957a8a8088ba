import { expect, test, type Page } from "@playwright/test";
import { addTestCard, screenshot, screenshotFromTop, signUpNewOwner, workspaceSlugOf } from "./fixtures";

// The onboarding walkthrough end to end (issue 11): a new Spanish-speaking owner follows the
// tutorial's step 2 in Saldo — each "Show me" opens the screen with the control highlighted,
// each step is marked done when the thing is true — and then invites a member, who joins and
// never sees the walkthrough. Screenshots of each step at desktop and 390 px.
test.describe.configure({ timeout: 180_000 });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** A full-page shot at desktop width and one at 390 px, with no sideways scrolling on the phone. */
async function shots(page: Page, name: string) {
  await screenshotFromTop(page, `${name}-desktop`);
  await page.setViewportSize(PHONE);
  await screenshotFromTop(page, `${name}-phone`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), name).toBeLessThanOrEqual(0);
  await page.setViewportSize(DESKTOP);
}

/**
 * The tour over the screen as the owner sees it (the viewport, not the full page: the tour's
 * overlay is fixed to the window), at desktop width and at 390 px with the control in view.
 */
async function tourShots(page: Page, name: string, highlighted: string) {
  await page.screenshot({ path: `e2e/.artifacts/screenshots/${name}-desktop.png` });
  await page.setViewportSize(PHONE);
  await page.locator(`[data-tour="${highlighted}"]`).evaluate((element) => element.scrollIntoView({ block: "center" }));
  await expect(page.locator(".driver-popover")).toBeInViewport();
  await page.waitForTimeout(400); // driver.js repositions on resize and scroll, in an animation frame
  await page.screenshot({ path: `e2e/.artifacts/screenshots/${name}-phone.png` });
  await page.setViewportSize(DESKTOP);
}

/** The tour's popover: a labelled dialog naming the control; Escape leaves it and drops ?tour. */
async function expectTour(page: Page, title: string, highlighted: string) {
  const popover = page.getByRole("dialog", { name: title });
  await expect(popover).toBeVisible();
  await expect(page.locator(`[data-tour="${highlighted}"]`)).toHaveClass(/driver-active-element/);
  return popover;
}

async function leaveTour(page: Page) {
  await page.keyboard.press("Escape");
  await expect(page.locator(".driver-popover")).toHaveCount(0);
  await expect(page).not.toHaveURL(/tour=/);
}

test("a new owner completes the walkthrough in Spanish; an invited member joins and never sees it", async ({ browser }) => {
  const page = await signUpNewOwner(browser, "es", "Tutorial Paso Dos", { stayOnDashboard: true });
  const slug = workspaceSlugOf(page);
  const checklist = page.getByTestId("onboarding-checklist");
  const progress = checklist.getByRole("progressbar", { name: "Progreso de la configuración" });
  const widget = page.getByTestId("onboarding-widget-progress");

  // 0 of 5, the tutorial's five steps, each with "Show me".
  await expect(page.getByTestId("onboarding-progress")).toHaveText("0 de 5");
  await expect(progress).toHaveAttribute("aria-valuenow", "0");
  await expect(progress).toHaveAttribute("aria-valuemax", "5");
  await expect(checklist.getByRole("listitem")).toHaveCount(5);
  await expect(checklist).toContainText("activar la recarga cuando el saldo llegue a 5,00 US$ y recargar automáticamente 20,00 US$ o 25,00 US$");
  await shots(page, "onboarding-0-dashboard-es");

  // Step 1: "Show me" opens the wallet with the balance highlighted; opening it is the step.
  await page.getByTestId("onboarding-show-openWallet").click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/billing/wallet\\?tour=openWallet$`));
  await expectTour(page, "Tu billetera", "balance");
  await tourShots(page, "onboarding-1-tour-wallet-es", "balance");
  await leaveTour(page);
  await expect(widget).toHaveText("1 de 5");

  // Step 2: the widget's next step, Add card highlighted; a test card through the emulator.
  await page.getByTestId("onboarding-widget-next").click();
  await expect(page).toHaveURL(/tour=addPaymentMethod/);
  await expectTour(page, "Agrega tu método de pago", "add-card");
  await tourShots(page, "onboarding-2-tour-add-card-es", "add-card");
  await leaveTour(page);
  await addTestCard(page, "pm_card_visa", "4242");
  await expect(widget).toHaveText("2 de 5");

  // Step 3: the switch, then "Use suggested values"; the empty wallet is under the threshold,
  // so saving asks first and charges the suggested $25.00 right away.
  await page.getByTestId("onboarding-widget-next").click();
  const toggleTour = await expectTour(page, "Activa la recarga automática", "auto-recharge-toggle");
  await toggleTour.getByRole("button", { name: "Siguiente" }).click();
  await expectTour(page, "Usa los valores recomendados", "use-suggestion");
  await tourShots(page, "onboarding-3-tour-auto-recharge-es", "use-suggestion");
  await leaveTour(page);
  await page.getByTestId("auto-recharge-threshold").fill("1");
  await page.getByTestId("use-suggestion").click();
  await expect(page.getByTestId("auto-recharge-threshold")).toHaveValue("5,00");
  await expect(page.getByTestId("auto-recharge-amount")).toHaveValue("25,00");
  await page.getByTestId("auto-recharge-toggle").click();
  await page.getByTestId("auto-recharge-save").click();
  const question = page.getByRole("alertdialog");
  await expect(question).toContainText("se cobrarán 25,00 US$ a Visa •••• 4242 ahora");
  await question.getByRole("button", { name: "Cobrar 25,00 US$ y guardar" }).click();
  await expect(page.getByTestId("auto-recharge-badge")).toHaveText("Activada");
  await expect(page.getByTestId("available-balance")).toHaveText("25,00 US$", { timeout: 30_000 });
  await expect(widget).toHaveText("3 de 5");

  // Step 4: the usage chart, whose tour ends on the usage screen: opening it is the step.
  await page.getByTestId("onboarding-widget-next").click();
  const usageTour = await expectTour(page, "Uso por tipo", "usage-chart");
  await tourShots(page, "onboarding-4-tour-usage-es", "usage-chart");
  await usageTour.getByRole("button", { name: "Abrir consumo" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/settings/billing/usage$`));
  await expect(widget).toHaveText("4 de 5");

  // Step 5: Channels — SMS on by itself with the card; WhatsApp needs its API set up.
  await page.getByTestId("onboarding-widget-next").click();
  await expect(page).toHaveURL(/settings\/channels\?tour=enableChannels/);
  await expectTour(page, "WhatsApp API", "channel-whatsapp");
  await expect(page.getByTestId("channel-sms")).toHaveAttribute("data-state", "active");
  await expect(page.getByTestId("channel-sms-next")).toHaveText("Listo: se habilitó automáticamente con tu tarjeta.");
  await expect(page.getByTestId("channel-whatsapp-next")).toHaveText("Necesita: tu número de WhatsApp Business y sus identificadores, abajo.");
  await tourShots(page, "onboarding-5-tour-channels-es", "channel-whatsapp");
  await leaveTour(page);
  await page.getByTestId("whatsapp-api-phoneNumber").fill("600 123 456");
  await page.getByTestId("whatsapp-api-phoneNumberId").fill("106540352242922");
  await page.getByTestId("whatsapp-api-businessAccountId").fill("102290129340398");
  await page.getByTestId("whatsapp-api-save").click();
  await expect(page.locator("#whatsapp-api-phoneNumber-error")).toContainText("formato internacional");
  await page.getByTestId("whatsapp-api-phoneNumber").fill("+34 600 123 456");
  await page.getByTestId("whatsapp-api-save").click();
  await expect(page.getByTestId("whatsapp-api-number")).toHaveText("+34600123456");
  await expect(page.getByTestId("channel-whatsapp")).toHaveAttribute("data-state", "active");

  // Complete: said once, here; then it is out of the way.
  await expect(page.getByTestId("onboarding-widget-complete")).toContainText("Tu billetera está lista");
  await shots(page, "onboarding-6-complete-es");
  await page.goto(`/${slug}`);
  await expect(page.getByTestId("onboarding-checklist")).toHaveCount(0);
  await expect(page.getByTestId("onboarding-complete")).toHaveCount(0);

  // The team: invite a member by e-mail; the invitation is in the outbox with its link.
  await page.goto(`/${slug}/settings/members`);
  const memberEmail = `miembro-${Date.now().toString(36)}@e2e.example`;
  await page.getByTestId("invite-email").fill(memberEmail);
  await page.getByTestId("invite-role").selectOption("MEMBER");
  await page.getByTestId("invite-submit").click();
  await expect(page.getByText(`Invitación enviada a ${memberEmail}.`)).toBeVisible();
  await expect(page.getByTestId("invitation-row")).toContainText(memberEmail);
  await shots(page, "onboarding-7-members-es");
  await page.goto("/outbox");
  const mail = page.locator("[data-testid=outbox-message][data-kind=invitation]").filter({ hasText: memberEmail }).first();
  const text = (await mail.getByTestId("outbox-text").textContent()) ?? "";
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec(text)?.[0];
  expect(link, text).toBeTruthy();

  // The member opens the link in their own browser, signs up (no workspace of their own) and
  // lands in the workspace as a member: no walkthrough, no money controls.
  const memberContext = await browser.newContext({ locale: "es-ES", viewport: DESKTOP });
  const member = await memberContext.newPage();
  await member.goto(new URL(link!).pathname);
  await expect(member.getByRole("heading", { name: "Únete a Tutorial Paso Dos", level: 1 })).toBeVisible();
  await shots(member, "onboarding-8-invitation-es");
  await member.getByLabel("Tu nombre").fill("Mia Miembro");
  await member.getByLabel("Contraseña").fill("a-long-enough-password");
  await member.getByTestId("invite-sign-up-submit").click();
  await expect(member).toHaveURL(new RegExp(`/${slug}$`), { timeout: 30_000 });
  await expect(member.getByRole("heading", { name: "Hola, Mia", level: 1 })).toBeVisible();
  await expect(member.getByTestId("onboarding-checklist")).toHaveCount(0);
  await member.goto(`/${slug}/settings/billing/wallet`);
  await expect(member.getByTestId("onboarding-widget")).toHaveCount(0);
  await expect(member.getByTestId("add-card")).toHaveCount(0);
  // The used link works no more.
  await member.goto(new URL(link!).pathname);
  await expect(member.getByTestId("invite-unusable")).toHaveAttribute("data-state", "used");
  await memberContext.close();

  await page.goto(`/${slug}/settings/members`);
  await expect(page.locator(`[data-testid=member-row][data-email="${memberEmail}"]`).getByTestId("member-role")).toHaveValue("MEMBER");
  await expect(page.getByTestId("invitation-row")).toHaveCount(0);
  await page.context().close();
});

test("the walkthrough in English: the checklist, a tour, Channels and Members, at desktop and 390 px; hidden and brought back", async ({ browser }) => {
  const page = await signUpNewOwner(browser, "en", "Tutorial Step Two", { stayOnDashboard: true });
  const slug = workspaceSlugOf(page);
  await expect(page.getByTestId("onboarding-progress")).toHaveText("0 of 5");
  await shots(page, "onboarding-0-dashboard-en");
  await page.getByRole("link", { name: "Show me: Add your payment method" }).click();
  await expectTour(page, "Add your payment method", "add-card");
  await tourShots(page, "onboarding-2-tour-add-card-en", "add-card");
  await leaveTour(page);
  await expect(page.getByTestId("onboarding-widget-progress")).toHaveText("1 of 5");
  await page.goto(`/${slug}/settings/channels?tour=enableChannels`);
  await expectTour(page, "SMS", "channel-sms");
  await tourShots(page, "onboarding-5-tour-channels-en", "channel-sms");
  await leaveTour(page);
  await page.goto(`/${slug}/settings/members`);
  await shots(page, "onboarding-7-members-en");

  // Hidden: gone from every page; the account menu brings it back.
  await page.getByTestId("onboarding-hide").click();
  await expect(page.getByTestId("onboarding-widget")).toHaveCount(0);
  await page.getByRole("button", { name: /Account menu for/ }).click();
  await page.getByTestId("onboarding-resume").click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByTestId("onboarding-progress")).toHaveText("1 of 5");
  await screenshot(page, "onboarding-resumed-en");
  await page.context().close();
});
