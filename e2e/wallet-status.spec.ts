import { expect, test, type APIRequestContext } from "@playwright/test";
import { createApiKey, screenshotFromTop, signUpNewOwner, workspaceSlugOf } from "./fixtures";

// What the banner and the balance card say may start must be what `authorize` answers: with
// trial credit left, WhatsApp calls still start below the call minimum (R3), even with the paid
// balance negative after a voice call (R4).
test.describe.configure({ timeout: 90_000 });

const TEXT = {
  en: {
    turnOn: "Turn on WhatsApp calling",
    banner:
      "Your paid balance is negative (-$0.014). New voice calls and AI voice bot calls are refused; WhatsApp calls go on with your trial credit ($1.00), and messages keep going.",
    status:
      "Your paid balance is negative. New voice calls and AI voice bot calls are refused; WhatsApp calls go on with your trial credit ($1.00), and messages keep going.",
  },
  es: {
    turnOn: "Activar llamadas de WhatsApp",
    banner:
      "Tu saldo pagado es negativo (-0,014 US$). Se rechazan las llamadas de voz y del bot de voz con IA nuevas; las llamadas de WhatsApp siguen con tu crédito de prueba (1,00 US$) y los mensajes también.",
    status:
      "Tu saldo pagado es negativo. Se rechazan las llamadas de voz y del bot de voz con IA nuevas; las llamadas de WhatsApp siguen con tu crédito de prueba (1,00 US$) y los mensajes también.",
  },
} as const;

async function authorize(request: APIRequestContext, key: string, channel: string) {
  const response = await request.post("/api/v1/authorize", { headers: { Authorization: `Bearer ${key}` }, data: { channel, direction: "outbound" } });
  return ((await response.json()) as { allowed: boolean }).allowed;
}

for (const locale of ["en", "es"] as const) {
  test(`with trial credit left, the banner says WhatsApp calls go on while voice calls are refused (${locale})`, async ({ browser }) => {
    const text = TEXT[locale];
    const page = await signUpNewOwner(browser, locale, `Trial Talk ${locale}`);
    const slug = workspaceSlugOf(page);
    await page.goto(`/${slug}/settings/channels`);
    await page.getByRole("button", { name: text.turnOn }).click();
    await expect(page.getByTestId("channel-whatsapp_call")).toHaveAttribute("data-state", "active");

    // A one-minute voice call, charged in full to the paid balance (trial credit pays WhatsApp calls only).
    const key = await createApiKey(page, slug);
    const call = await page.request.post("/api/v1/usage-events", {
      headers: { Authorization: `Bearer ${key}` },
      data: { id: `voice-${locale}`, channel: "voice_call", durationSeconds: 60 },
    });
    expect(call.status()).toBe(200);
    // What the platform is told now.
    expect(await authorize(page.request, key, "whatsapp_call")).toBe(true);
    expect(await authorize(page.request, key, "voice_call")).toBe(false);
    expect(await authorize(page.request, key, "ai_voice")).toBe(false);
    expect(await authorize(page.request, key, "sms")).toBe(true);

    // …is what every page's banner says, and the wallet's status line.
    await page.goto(`/${slug}/settings/channels`);
    await expect(page.getByTestId("banner-negative")).toContainText(text.banner);
    await screenshotFromTop(page, `banner-trial-calls-${locale}`);
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshotFromTop(page, `banner-trial-calls-${locale}-phone`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/${slug}/settings/billing/wallet`);
    await expect(page.getByTestId("wallet-status")).toHaveText(text.status);
    await expect(page.getByTestId("wallet-status")).toHaveAttribute("data-outbound", "messages_whatsapp_trial");
    await screenshotFromTop(page, `wallet-status-trial-${locale}`);
    await page.context().close();
  });
}
