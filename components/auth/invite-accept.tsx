"use client";

import { LogIn } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn, signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { acceptInvitation } from "@/lib/actions/members";
import { signUpInvited } from "@/lib/actions/sign-up-invited";
import { isLocale } from "@/lib/i18n/config";

/** What the invitation page offers: join (signed in as the invited address), or sign in / sign up. */
export function InviteAccept({
  token,
  invitedEmail,
  workspaceName,
  signedInAs,
}: {
  token: string;
  invitedEmail: string;
  workspaceName: string;
  signedInAs: string | null;
}) {
  const t = useTranslations("invite");
  const locale = useLocale();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; password?: string }>({});
  const [pending, startTransition] = useTransition();
  const here = `/invite/${token}`;

  function join() {
    setError(null);
    startTransition(async () => {
      const result = await acceptInvitation({ token }).catch(() => null);
      if (!result) return setError(t("errorNetwork"));
      if (!result.ok) return setError(result.error.message);
      router.replace(`/${result.data.slug}`);
      router.refresh();
    });
  }

  function signUp(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    setError(null);
    startTransition(async () => {
      const result = await signUpInvited({ token, name: String(form.get("name") ?? ""), password, locale: isLocale(locale) ? locale : undefined }).catch(() => null);
      if (!result) return setError(t("errorNetwork"));
      if (!result.ok) {
        const fields = result.error.fieldErrors ?? {};
        setFieldErrors({ name: fields.name, password: fields.password });
        if (!fields.name && !fields.password) setError(result.error.message);
        return;
      }
      const signedIn = await signIn("credentials", { email: result.data.email, password, redirect: false });
      router.replace(signedIn?.ok ? `/${result.data.slug}` : `/login?callbackUrl=${encodeURIComponent(`/${result.data.slug}`)}`);
      router.refresh();
    });
  }

  const errorAlert = <FormError message={error} data-testid="invite-error" />;

  if (signedInAs) {
    if (signedInAs.toLowerCase() !== invitedEmail) {
      return (
        <div className="grid gap-4">
          <Alert variant="warning" role="status" data-testid="invite-wrong-account">
            <AlertDescription>{t("wrongAccount", { current: signedInAs, email: invitedEmail })}</AlertDescription>
          </Alert>
          <Button variant="outline" onClick={() => signOut({ callbackUrl: here })}>
            {t("signOut")}
          </Button>
        </div>
      );
    }
    return (
      <div className="grid gap-4">
        {errorAlert}
        <p className="text-sm text-muted-foreground">{t("for", { email: invitedEmail })}</p>
        <Button onClick={join} disabled={pending} aria-busy={pending} pending={pending} data-testid="invite-join">
          {t("accept", { workspace: workspaceName })}
        </Button>
      </div>
    );
  }

  return (
    <div className="grid gap-6">
      {errorAlert}
      <section className="grid gap-3" aria-labelledby="invite-sign-in">
        <h2 id="invite-sign-in" className="text-sm font-semibold">
          {t("signInTitle", { email: invitedEmail })}
        </h2>
        <Button asChild variant="outline">
          <Link href={`/login?callbackUrl=${encodeURIComponent(here)}`} data-testid="invite-sign-in">
            <LogIn aria-hidden />
            {t("signIn")}
          </Link>
        </Button>
      </section>
      <form onSubmit={signUp} noValidate className="grid gap-4 border-t border-border pt-6" aria-labelledby="invite-sign-up" data-testid="invite-sign-up">
        <h2 id="invite-sign-up" className="text-sm font-semibold">
          {t("signUpTitle")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("for", { email: invitedEmail })}</p>
        <FormField id="invite-name" label={t("name")} error={fieldErrors.name}>
          {(props) => <Input {...props} name="name" autoComplete="name" maxLength={100} required disabled={pending} />}
        </FormField>
        <FormField id="invite-password" label={t("password")} hint={t("passwordHint")} error={fieldErrors.password}>
          {(props) => <Input {...props} name="password" type="password" autoComplete="new-password" maxLength={200} required disabled={pending} />}
        </FormField>
        <Button type="submit" disabled={pending} aria-busy={pending} pending={pending} data-testid="invite-sign-up-submit">
          {t("signUp")}
        </Button>
      </form>
    </div>
  );
}
