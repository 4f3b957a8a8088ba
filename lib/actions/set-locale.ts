"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { getCurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/config";

const schema = z.object({ locale: z.enum(LOCALES, { message: "locale_unknown" }) });

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

// Public, because the login and sign-up pages have a language switcher too; a signed-in user's
// choice is also saved on their account so it follows them to other browsers.
const setLocaleAction = publicAction(schema, async ({ locale }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    httpOnly: false,
    secure: env().NODE_ENV === "production" && env().NEXTAUTH_URL.startsWith("https://"),
  });
  const user = await getCurrentUser();
  if (user && user.locale !== locale) {
    await db.user.update({ where: { id: user.id }, data: { locale } });
  }
  return { locale };
});

export async function setLocale(input: z.input<typeof schema>) {
  return setLocaleAction(input);
}
