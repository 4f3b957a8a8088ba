import { expect, test } from "@playwright/test";

// What a browser, a phone's home screen and a link preview fetch before anyone signs in.
test("the favicon, app icons, manifest and social image are served to anonymous visitors and linked from every page", async ({ page, request }) => {
  await page.goto("/login");
  const ogImage = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(new URL(ogImage!).pathname).toBe("/og-image.png");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");

  for (const [path, type] of [
    ["/favicon.ico", "image/x-icon"],
    ["/icon.svg", "image/svg+xml"],
    ["/apple-touch-icon.png", "image/png"],
    ["/icon-192.png", "image/png"],
    ["/icon-512.png", "image/png"],
    ["/og-image.png", "image/png"],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toContain(type);
  }
  const manifest = await (await request.get("/manifest.webmanifest", { maxRedirects: 0 })).json();
  expect(manifest).toMatchObject({ name: "Saldo", icons: [{ src: "/icon-192.png" }, { src: "/icon-512.png" }] });
});
