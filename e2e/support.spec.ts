import { expect, test, type Page } from "@playwright/test";
import { addTestCard, DEMO_USERS, fillTopUp, screenshotFromTop, signIn, signInAndWait, signUpNewOwner, uniqueEmail, workspaceSlugOf } from "./fixtures";

// The support journey of issue 10, end to end: a support user finds a workspace by its owner's
// e-mail, views it with a reason under the banner, finds the money controls disabled and is
// refused by the server when replaying a top-up, grants a $5 goodwill credit that shows in the
// ledger, stops viewing; the owner then reads all of it in Settings → Audit log.
test.describe.configure({ mode: "serial", timeout: 150_000 });

async function payAndWaitForCredit(page: Page) {
  await page.getByTestId("top-up-pay").click();
  await expect(page.locator("[data-testid=top-up-status][data-state=credited]")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("top-up-done").click();
}

test("support finds a workspace, views it, is refused money, grants goodwill and stops; the owner reads it all", async ({ browser }) => {
  // A workspace of its own, so the audit log holds exactly this journey.
  const email = uniqueEmail("journey");
  const name = `Journey ${Date.now().toString(36)}`;
  const owner = await signUpNewOwner(browser, "en", name, { email });
  const slug = workspaceSlugOf(owner);
  await addTestCard(owner, "pm_card_visa", "4242");
  await fillTopUp(owner, "10", "4242");
  const [topUpRequest] = await Promise.all([
    owner.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]),
    payAndWaitForCredit(owner),
  ]);

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "support");
  // Staff land on the console.
  await expect(staff).toHaveURL(/\/support$/);
  await expect(staff.getByTestId("staff-identity")).toContainText(DEMO_USERS.support.email);

  await staff.getByLabel("Name, slug, owner e-mail or id").fill(email.toUpperCase().slice(0, 12));
  await staff.getByRole("button", { name: "Search" }).click();
  await expect(staff.getByTestId("search-result")).toHaveCount(1);
  await expect(staff.getByTestId("search-result")).toContainText(email);
  await staff.getByTestId("search-result").getByRole("link", { name }).click();
  await expect(staff.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(staff.getByTestId("overview-cards")).toContainText("Visa •••• 4242");
  const overviewUrl = staff.url();

  // "View as" needs a reason of 10 characters or more.
  await staff.locator("#view-as-reason").fill("too short");
  await staff.getByRole("button", { name: "View as" }).click();
  await expect(staff.locator("#view-as-reason-error")).toHaveText("Write a reason of 10 to 500 characters.");
  const reason = "Customer says the top-up did not arrive";
  await staff.locator("#view-as-reason").fill(reason);
  const [viewAsRequest] = await Promise.all([
    staff.waitForRequest((request) => request.method() === "POST" && !!request.headers()["next-action"]),
    staff.getByRole("button", { name: "View as" }).click(),
  ]);
  await expect(staff).toHaveURL(new RegExp(`/${slug}/settings/billing/wallet$`));

  const banner = staff.getByTestId("viewing-banner");
  await expect(banner).toContainText(`You are viewing ${name} as ${DEMO_USERS.support.email}.`);
  await expect(banner).toContainText(`Reason: ${reason}.`);
  await expect(banner.getByTestId("viewing-minutes-left")).toHaveText(/^(30|29) min left$/);
  // The money controls are there, disabled, with the reason beside them.
  const reasonText = "Support staff can’t move money while viewing a workspace";
  await expect(staff.getByTestId("add-funds")).toBeDisabled();
  await expect(staff.getByTestId("add-card")).toBeDisabled();
  await expect(staff.locator("#add-funds-locked")).toContainText(reasonText);
  await expect(staff.locator("#add-card-locked")).toContainText(reasonText);
  await expect(staff.getByTestId("auto-recharge-save")).toBeDisabled();
  await screenshotFromTop(staff, "support-banner-wallet-en-desktop");

  // The server refuses the owner's startTopUp replayed with the staff member's session.
  const body = topUpRequest.postData()!.replace(/"idempotencyKey":"[^"]+"/, `"idempotencyKey":"${crypto.randomUUID()}"`);
  const refused = await staffContext.request.post(topUpRequest.url(), {
    headers: { "next-action": topUpRequest.headers()["next-action"], "content-type": topUpRequest.headers()["content-type"], accept: "text/x-component" },
    data: body,
  });
  expect(await refused.text()).toContain('"code":"viewing_refuses_money"');

  // A $5 goodwill credit from the console, double-clicked: granted once, in the ledger.
  await staff.goto(overviewUrl);
  await expect(staff.getByTestId("console-viewing")).toContainText(`You are still viewing ${name}.`);
  await staff.locator("#goodwill-amount").fill("5");
  await staff.locator("#goodwill-reason").fill("Sorry for the wait");
  await staff.getByRole("button", { name: "Grant credit" }).dblclick();
  await expect(staff.getByTestId("goodwill-granted")).toHaveText("Granted 5.00 USD.");
  await expect(staff.getByTestId("overview-ledger")).toContainText("Sorry for the wait");
  await expect(staff.getByTestId("overview-ledger").getByText("Sorry for the wait")).toHaveCount(1);
  await staff.goto(`/${slug}/settings/billing/transactions`);
  await expect(staff.getByTestId("ledger-row").filter({ hasText: "Sorry for the wait" })).toContainText("+$5.00");

  await staff.getByRole("button", { name: "Stop viewing" }).click();
  await expect(staff).toHaveURL(overviewUrl);
  // The visit is over on the server: the workspace's pages send staff back to the console.
  await staff.goto(`/${slug}/settings/billing/wallet`);
  await expect(staff).toHaveURL(/\/support$/);

  // The owner calling the staff action directly is told there is nothing there, and nothing starts.
  const ownerTry = await owner.context().request.post(viewAsRequest.url(), {
    headers: { "next-action": viewAsRequest.headers()["next-action"], "content-type": viewAsRequest.headers()["content-type"], accept: "text/x-component" },
    data: viewAsRequest.postData()!,
  });
  expect(await ownerTry.text()).toContain('"code":"not_found"');

  // The owner reads it all, newest first.
  await owner.goto(`/${slug}/settings/audit-log`);
  const actions = await owner.getByTestId("audit-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action")));
  expect(actions).toEqual(["impersonation.stopped", "credit.granted", "impersonation.refused", "impersonation.started", "top_up.started", "card.added"]);
  await expect(owner.getByTestId("audit-row").filter({ hasText: "Support started viewing" })).toContainText(reason);
  await expect(owner.getByTestId("audit-row").filter({ hasText: "Credit granted" })).toContainText("Amount: $5.00");
  await expect(owner.getByTestId("audit-row").filter({ hasText: "Support visit" }).first()).toBeVisible();
  await screenshotFromTop(owner, "audit-log-journey-en-desktop");
  await staffContext.close();
  await owner.context().close();
});

test("a member and an owner get 404 on /support", async ({ browser }) => {
  for (const user of ["acmeMember", "acmeOwner"] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAndWait(page, user);
    for (const path of ["/support", "/support/audit", "/support/workspaces/00000000-0000-4000-8000-000000000000"]) {
      const response = await page.goto(path);
      expect(response?.status(), `${user} ${path}`).toBe(404);
    }
    await context.close();
  }
});
