import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createApiKey, screenshotFromTop, signInAndWait, signUpNewOwner, workspaceSlugOf } from "./fixtures";

// The views the daily rollups feed (issue 12): the wallet's chart, the per-day view and the
// WhatsApp calls view must say what the events say.
test.describe.configure({ timeout: 120_000 });

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())!.trim();

test("the wallet chart switches 7/30/90 days and its totals equal the Usage screen's for the same days", async ({ page }) => {
  await signInAndWait(page, "acmeBilling");
  await page.goto("/acme/settings/billing/wallet");
  const chart = page.getByTestId("usage-chart");
  await expect(chart.locator(".recharts-surface")).toBeVisible();
  await expect(page.getByTestId("usage-window-30")).toHaveAttribute("aria-pressed", "true");
  const windows: { days: number; from: string; to: string; total: string; channels: Record<string, string> }[] = [];
  for (const days of [7, 90, 30]) {
    await page.getByTestId(`usage-window-${days}`).click();
    await expect(page.getByTestId(`usage-window-${days}`)).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("usage-chart-table").locator("tbody tr")).toHaveCount(days);
    const channels: Record<string, string> = {};
    for (const channel of ["sms", "whatsapp", "email", "voice_call", "whatsapp_call", "ai_voice"]) {
      channels[channel] = (await page.getByTestId(`usage-chart-total-${channel}`).getByTestId("usage-chart-charge").textContent())!.trim();
    }
    windows.push({ days, from: (await chart.getAttribute("data-from"))!, to: (await chart.getAttribute("data-to"))!, total: await text(page, "usage-chart-total"), channels });
  }
  expect(windows[0].total).not.toBe(windows[1].total);
  await screenshotFromTop(page, "wallet-chart-en");

  for (const window of windows) {
    await page.goto(`/acme/settings/billing/usage?view=days&from=${window.from}&to=${window.to}`);
    await expect(page.getByTestId("usage-total")).toHaveText(window.total);
    await expect(page.getByTestId("usage-days-total")).toHaveText(window.total);
    for (const [channel, charge] of Object.entries(window.channels)) {
      await expect(page.getByTestId(`usage-total-${channel}`).locator("dd").first()).toHaveText(charge);
    }
  }
  await screenshotFromTop(page, "usage-per-day-en");
  // A source filter is the one the rollups cannot answer: the per-day view says so.
  await page.goto("/acme/settings/billing/usage?view=days&source=campaign");
  await expect(page.getByTestId("usage-days-needs-events")).toBeVisible();
  await expect(page.getByTestId("usage-totals-from-events")).toBeVisible();
});

test("the WhatsApp calls view shows what the API ingested, and a filtered export has its rows and total", async ({ browser }) => {
  const page = await signUpNewOwner(browser, "en", "Calls View Co");
  const slug = workspaceSlugOf(page);
  await page.goto(`/${slug}/settings/channels`);
  await page.getByRole("button", { name: "Turn on WhatsApp calling" }).click();
  await expect(page.getByTestId("channel-whatsapp_call")).toHaveAttribute("data-state", "active");
  const key = await createApiKey(page, slug);
  const headers = { Authorization: `Bearer ${key}` };
  const trialBefore = Number(((await (await page.request.get("/api/v1/wallet", { headers })).json()) as { trialCredit: string }).trialCredit);

  // Through the real API: three placed calls (one busy), one received, one SMS.
  const events = [
    { id: "wa-1", channel: "whatsapp_call", direction: "outbound", durationSeconds: 61 },
    { id: "wa-2", channel: "whatsapp_call", direction: "outbound", durationSeconds: 600 },
    { id: "wa-3", channel: "whatsapp_call", direction: "outbound", durationSeconds: 0, outcome: "busy" },
    { id: "wa-in", channel: "whatsapp_call", direction: "inbound", durationSeconds: 300 },
    { id: "sms-1", channel: "sms", quantity: 2 },
  ];
  const response = await page.request.post("/api/v1/usage-events", { headers, data: { events } });
  expect(response.status()).toBe(200);
  const results = ((await response.json()) as { results: { id: string; charge: string }[] }).results;
  const cost = results.filter((r) => r.id.startsWith("wa-")).reduce((sum, r) => sum + Number(r.charge), 0);
  const trialAfter = Number(((await (await page.request.get("/api/v1/wallet", { headers })).json()) as { trialCredit: string }).trialCredit);
  const trial = trialBefore - trialAfter;
  const usd = (amount: number) => `$${amount.toFixed(2)}`;

  await page.goto(`/${slug}/settings/billing/usage?view=calls`);
  await expect(page.getByTestId("whatsapp-calls-row")).toHaveCount(1);
  await expect(page.getByTestId("calls-total-placed")).toHaveText("3");
  await expect(page.getByTestId("calls-total-connected")).toHaveText("2");
  // 61 s and 600 s are 2 + 10 started minutes (R1).
  await expect(page.getByTestId("calls-total-minutes")).toHaveText("12");
  await expect(page.getByTestId("calls-total-cost")).toHaveText(usd(cost));
  await expect(page.getByTestId("calls-total-trial")).toHaveText(usd(trial));
  await expect(page.getByTestId("calls-total-paid")).toHaveText(usd(cost - trial));
  expect(trial).toBeGreaterThan(0);
  await screenshotFromTop(page, "usage-calls-en");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshotFromTop(page, "usage-calls-en-phone");
  await page.setViewportSize({ width: 1280, height: 900 });

  // The export of a filtered view: its rows and its total.
  await page.goto(`/${slug}/settings/billing/usage?channel=whatsapp_call&direction=outbound&outcome=connected`);
  await expect(page.getByTestId("usage-total")).toHaveText(usd(cost));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const lines = (await readFile((await download.path())!, "utf8")).trim().split("\r\n");
  const rows = lines.slice(1).map((line) => line.split(","));
  expect(rows.map((row) => row[1]).sort()).toEqual(["wa-1", "wa-2"]);
  expect(rows.reduce((sum, row) => sum + Number(row[9]), 0)).toBeCloseTo(cost, 6);
  await page.context().close();
});
