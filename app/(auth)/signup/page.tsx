import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { safeCallbackUrl } from "@/lib/auth/safe-callback";
import { SignupForm } from "@/components/auth/signup-form";
import { getCurrentUser } from "@/lib/auth/session";
import { COUNTRY_CODES, countryName } from "@/lib/workspaces/countries";
import { pageTitle } from "@/lib/i18n/page-title";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = pageTitle("auth.signup");

export default async function SignupPage({ searchParams }: Props) {
  const params = await searchParams;
  if (await getCurrentUser()) redirect(safeCallbackUrl(params.callbackUrl) ?? "/");
  const locale = await getLocale();
  const collator = new Intl.Collator(locale);
  const countries = COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
  const defaultCountry = countryFromAcceptLanguage((await headers()).get("accept-language")) ?? "US";
  return <SignupForm countries={countries} defaultCountry={defaultCountry} />;
}

/** The region of the browser's preferred language: es-MX → MX, en-IN → IN, es → ES. */
function countryFromAcceptLanguage(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && COUNTRY_CODES.includes(region)) return region;
    } catch {
      // Not a valid language tag; try the next one.
    }
  }
  return undefined;
}
