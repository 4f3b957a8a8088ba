import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/lib/auth/safe-callback";
import { getCurrentUser } from "@/lib/auth/session";
import { pageTitle } from "@/lib/i18n/page-title";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = pageTitle("auth.login");

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl ?? "/");
  // next-auth sends people here with ?error=… when a sign-in started elsewhere fails.
  const error = typeof params.error === "string" ? params.error : undefined;
  return <LoginForm callbackUrl={callbackUrl} initialError={error} />;
}
