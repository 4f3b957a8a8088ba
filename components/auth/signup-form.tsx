"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore, useTransition, type FormEvent } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Select } from "@/components/ui/select";
import { signUp, type SignUpInput } from "@/lib/actions/sign-up";
import { isLocale } from "@/lib/i18n/config";
import { currencyForCountry, timeZoneForCountry } from "@/lib/workspaces/countries";

type Country = { code: string; name: string };
type Field = "workspaceName" | "name" | "email" | "password" | "country";
const FIELDS: readonly Field[] = ["workspaceName", "name", "email", "password", "country"];

export function SignupForm({ countries, defaultCountry }: { countries: Country[]; defaultCountry: string }) {
  const t = useTranslations("auth.signup");
  const locale = useLocale();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [country, setCountry] = useState(defaultCountry);
  // The browser knows its time zone (a hint for the workspace's); the server renders without it.
  const timeZone = useSyncExternalStore(subscribeNever, browserTimeZone, () => "");
  const [formError, setFormError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<Field, string>>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input: SignUpInput = {
      workspaceName: String(form.get("workspaceName") ?? ""),
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      country,
      timeZone: timeZone || browserTimeZone(),
      locale: isLocale(locale) ? locale : "en",
    };
    setFormError(null);
    startTransition(async () => {
      const result = await signUp(input).catch(() => null);
      if (!result) {
        setFieldErrors({});
        setFormError(t("errorNetwork"));
        return;
      }
      if (!result.ok) {
        const errors: Partial<Record<Field, string>> = {};
        const other: string[] = [];
        for (const [key, message] of Object.entries(result.error.fieldErrors ?? {})) {
          if ((FIELDS as readonly string[]).includes(key)) errors[key as Field] = message;
          else other.push(message);
        }
        setFieldErrors(errors);
        setFormError(other[0] ?? result.error.message);
        const first = FIELDS.find((field) => errors[field]);
        if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
        return;
      }
      setFieldErrors({});
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      // The dashboard: the onboarding walkthrough starts there, at 0 of 5.
      router.replace(signedIn?.ok ? `/${result.data.slug}` : "/login");
      router.refresh();
    });
  }

  const currency = currencyForCountry(country);
  // What the server will pick (lib/actions/sign-up.ts): the browser's zone if it lies in the
  // chosen country, else the country's main zone.
  const workspaceTimeZone = timeZoneForCountry(country, timeZone || null);

  return (
    <AuthCard
      wide
      title={t("title")}
      description={t("description")}
      footer={
        <p>
          {t("haveAccount")}{" "}
          <Link href="/login" className="font-medium text-primary underline-offset-4 hover:underline">
            {t("loginLink")}
          </Link>
        </p>
      }
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-5">
        <FormError message={formError} />

        <FormField id="workspaceName" label={t("workspaceName")} hint={t("workspaceNameHint")} error={fieldErrors.workspaceName}>
          {(props) => <Input {...props} name="workspaceName" autoComplete="organization" maxLength={100} required />}
        </FormField>

        <FormField id="name" label={t("name")} error={fieldErrors.name}>
          {(props) => <Input {...props} name="name" autoComplete="name" maxLength={100} required />}
        </FormField>

        <FormField id="email" label={t("email")} error={fieldErrors.email}>
          {(props) => <Input {...props} name="email" type="email" inputMode="email" autoComplete="email" required />}
        </FormField>

        <FormField id="password" label={t("password")} hint={t("passwordHint")} error={fieldErrors.password}>
          {(props) => (
            <Input {...props} name="password" type="password" autoComplete="new-password" minLength={10} maxLength={200} required />
          )}
        </FormField>

        <FormField id="country" label={t("country")} hint={t("currencyHint", { currency })} hintLive error={fieldErrors.country}>
          {(props) => (
            <Select {...props} name="country" value={country} onChange={(event) => setCountry(event.target.value)} required>
              {countries.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </Select>
          )}
        </FormField>

        <input type="hidden" name="timeZone" value={timeZone} />

        <Button type="submit" size="lg" disabled={pending} aria-busy={pending} pending={pending} className="mt-1 w-full">
          {pending ? t("submitting") : t("submit")}
        </Button>
        <p className="text-center text-xs text-muted-foreground">{t("timeZoneNote", { timeZone: workspaceTimeZone })}</p>
      </form>
    </AuthCard>
  );
}

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// The time zone does not change while the form is open.
function subscribeNever() {
  return () => {};
}
