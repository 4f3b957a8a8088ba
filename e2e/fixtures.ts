import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACES, type DemoUserKey } from "../prisma/seed";

export { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACES };

const SHOTS = "e2e/.artifacts/screenshots";

/** Signs in through the real login form. */
export async function signIn(page: Page, user: DemoUserKey | { email: string; password: string }) {
  const { email, password } = typeof user === "string" ? { email: DEMO_USERS[user].email, password: DEMO_PASSWORD } : user;
  await page.goto("/login");
  await page.getByLabel(/^(E-mail|Correo electrónico)$/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(password);
  await page.getByRole("button", { name: /^(Sign in|Iniciar sesión)$/ }).click();
}

export async function signInAndWait(page: Page, user: DemoUserKey) {
  await signIn(page, user);
  await expect(page).not.toHaveURL(/\/login/);
}

/** Keeps a screenshot of a key screen for people to look at (CI keeps the folder). */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@e2e.example`;
}
