import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addTestCard, DEMO_USERS, DEMO_WORKSPACES, fillTopUp, screenshotFromTop, signInAndWait, signUpNewOwner, uniqueEmail } from "./fixtures";

// axe-core over every screen an owner works in, in both languages, at desktop and phone width.
// A serious or critical violation fails the run (axe's own impact levels: what blocks or badly
// hinders someone using a screen reader, a keyboard or a zoomed screen); moderate and minor
// ones are attached to the report to read, not enforced. Each run collects every screen's
// violations before asserting, so one failure lists all of them, and keeps a screenshot of each
// screen (e2e/.artifacts/screenshots/<screen>-<locale>-<desktop|phone>.png).

const SCREENS = [
  // The dashboard holds the onboarding walkthrough (its checklist and progress bar).
  ["dashboard", ""],
  ["wallet", "settings/billing/wallet"],
  ["usage", "settings/billing/usage"],
  ["usage per day", "settings/billing/usage?view=days"],
  ["whatsapp calls", "settings/billing/usage?view=calls"],
  ["transactions", "settings/billing/transactions"],
  ["channels", "settings/channels"],
  ["developers", "settings/developers"],
  ["billing settings", "settings/billing"],
  ["audit log", "settings/audit-log"],
  ["members", "settings/members"],
  // The guided tour's popover open over the wallet (driver.js, role=dialog).
  ["guided tour", "settings/billing/wallet?tour=autoRecharge"],
] as const;

const OWNERS = [
  { locale: "en", user: "acmeOwner", slug: DEMO_WORKSPACES.acme.slug, accountMenu: `Account menu for ${DEMO_USERS.acmeOwner.name}` },
  { locale: "es", user: "tiendaOwner", slug: DEMO_WORKSPACES.tiendaSol.slug, accountMenu: `Menú de la cuenta de ${DEMO_USERS.tiendaOwner.name}` },
] as const;

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** axe's findings on the page as it is now: the serious and critical ones, and the rest. */
async function audit(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const describe = (violation: (typeof violations)[number]) =>
    `${screen}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(" | ")}`;
  const blocking = violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  return { blocking: blocking.map(describe), other: violations.filter((violation) => !blocking.includes(violation)).map(describe) };
}

// Each test audits a dozen screens: generous, for a busy 2-core CI machine.
test.describe.configure({ timeout: 240_000 });

for (const owner of OWNERS) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test.describe(`accessibility, ${owner.locale}, ${width}`, () => {
      test.use({ viewport });

      test(`${DEMO_USERS[owner.user].email}: no serious or critical axe violation on any billing screen or the add-funds dialog`, async ({ page }, testInfo) => {
        await signInAndWait(page, owner.user);
        // The account menu is named by its content (label-content-name-mismatch was found here).
        await expect(page.getByRole("button", { name: owner.accountMenu, exact: true })).toBeVisible();
        const blocking: string[] = [];
        const other: string[] = [];
        const check = async (screen: string) => {
          const found = await audit(page, screen);
          blocking.push(...found.blocking);
          other.push(...found.other);
        };

        for (const [screen, path] of SCREENS) {
          await test.step(screen, async () => {
            await page.goto(path ? `/${owner.slug}/${path}` : `/${owner.slug}`);
            await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
            if (path.includes("?tour=")) await expect(page.locator(".driver-popover")).toBeVisible();
            await expect(page.locator("html")).toHaveAttribute("lang", owner.locale);
            // The wallet's chart is drawn after the page (its own chunk): audit and shoot it drawn.
            if (screen === "wallet" && (await page.getByTestId("usage-chart").count())) {
              await expect(page.getByTestId("usage-chart").locator(".recharts-surface")).toBeVisible();
            }
            await check(screen);
            await screenshotFromTop(page, `${screen.replaceAll(" ", "-")}-${owner.locale}-${width}`);
          });
        }

        await test.step("add-funds dialog", async () => {
          await page.goto(`/${owner.slug}/settings/billing/wallet`);
          if ((await page.locator('[data-testid=payment-method][data-last4="4242"]').count()) === 0) {
            await addTestCard(page, "pm_card_visa", "4242");
          }
          await fillTopUp(page, "25", "4242");
          await check("add-funds dialog");
          await screenshotFromTop(page, `add-funds-dialog-${owner.locale}-${width}`);
        });

        if (other.length) await testInfo.attach("moderate and minor axe findings", { body: other.join("\n"), contentType: "text/plain" });
        expect(blocking).toEqual([]);
      });
    });
  }
}

// The support console (issue 10): search, a workspace's overview, a workspace viewed under the
// banner, the audit trail — both languages, both widths, in one test, because the four passes
// share one staff member and a second "View as" would end the first. The demo's admin, so the
// support journey (e2e/support.spec.ts, the demo's support user) can run alongside.
test("support console: no serious or critical axe violation, en and es, desktop and phone", async ({ browser }, testInfo) => {
  // Twenty audits and screenshots in one test (one staff member, one visit at a time): on a busy
  // 2-core CI machine that is more than the file's 2 minutes.
  test.setTimeout(300_000);
  const blocking: string[] = [];
  const other: string[] = [];
  for (const { locale, slug, name, query } of [
    { locale: "en", slug: DEMO_WORKSPACES.acme.slug, name: DEMO_WORKSPACES.acme.name, query: "acme" },
    { locale: "es", slug: DEMO_WORKSPACES.tiendaSol.slug, name: DEMO_WORKSPACES.tiendaSol.name, query: "TIENDA" },
  ] as const) {
    const context = await browser.newContext({ locale: locale === "es" ? "es-ES" : "en-US" });
    const page = await context.newPage();
    await signInAndWait(page, "admin");
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      const check = async (screen: string) => {
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        const found = await audit(page, `${screen} ${locale} ${width}`);
        blocking.push(...found.blocking);
        other.push(...found.other);
        await screenshotFromTop(page, `support-${screen}-${locale}-${width}`);
      };
      await page.goto(`/support?q=${query}`);
      await expect(page.getByTestId("search-result").first()).toBeVisible();
      await check("console");
      await page.getByTestId("search-result").getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await check("overview");
      await page.locator("#view-as-reason").fill(locale === "es" ? "Revisión de accesibilidad del panel" : "Accessibility review of the console");
      await page.locator("[data-testid=view-as-form] button[type=submit]").click();
      await expect(page.getByTestId("viewing-banner")).toBeVisible();
      await check("banner");
      await page.goto(`/${slug}/settings/audit-log`);
      await expect(page.getByTestId("audit-row").first()).toBeVisible();
      await check("audit-log");
      // The console's trail once per language; the next "View as" replaces this visit.
      if (width === "desktop") {
        await page.goto("/support/audit");
        await check("audit");
      }
    }
    await context.close();
  }
  if (other.length) await testInfo.attach("moderate and minor axe findings", { body: other.join("\n"), contentType: "text/plain" });
  expect(blocking).toEqual([]);
});

// The screens people see before they have a session: sign-in, sign-up and an invitation to join a
// workspace (a real one, from the outbox) — both languages, both widths. (Any other path sends
// them to sign-in.)
test("public pages: no serious or critical axe violation on sign-in, sign-up or an invitation", async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const owner = await signUpNewOwner(browser, "en", "Axe Invites");
  const slug = new URL(owner.url()).pathname.split("/")[1];
  await owner.goto(`/${slug}/settings/members`);
  const email = uniqueEmail("invited");
  await owner.getByTestId("invite-email").fill(email);
  await owner.getByTestId("invite-submit").click();
  await expect(owner.getByTestId("invitation-row")).toContainText(email);
  await owner.goto("/outbox");
  const text = (await owner.locator("[data-testid=outbox-message][data-kind=invitation]").filter({ hasText: email }).first().getByTestId("outbox-text").textContent()) ?? "";
  const invitation = /https?:\/\/\S+(\/invite\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
  expect(invitation, text).toBeTruthy();
  await owner.context().close();

  const blocking: string[] = [];
  const other: string[] = [];
  for (const locale of ["en", "es"] as const) {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ locale: locale === "es" ? "es-ES" : "en-US", viewport });
      const page = await context.newPage();
      for (const [screen, path] of [["login", "/login"], ["signup", "/signup"], ["invitation", invitation!]] as const) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        const found = await audit(page, `${screen} ${locale} ${width}`);
        blocking.push(...found.blocking);
        other.push(...found.other);
        await screenshotFromTop(page, `public-${screen}-${locale}-${width}`);
      }
      await context.close();
    }
  }
  if (other.length) await testInfo.attach("moderate and minor axe findings", { body: other.join("\n"), contentType: "text/plain" });
  expect(blocking).toEqual([]);
});
