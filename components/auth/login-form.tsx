"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

type Props = { callbackUrl: string | null; initialError?: string };

export function LoginForm({ callbackUrl, initialError }: Props) {
  const t = useTranslations("auth.login");
  const router = useRouter();
  const [error, setError] = useState<LoginError | null>(initialError ? loginError(initialError) : null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    startTransition(async () => {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      }).catch(() => undefined);
      if (!result || result.error || !result.ok) {
        setError(loginError(result?.error ?? "unknown"));
        return;
      }
      router.replace(callbackUrl ?? "/");
      router.refresh();
    });
  }

  const signupHref = callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup";

  return (
    <AuthCard
      title={t("title")}
      description={t("description")}
      footer={
        <p>
          {t("noAccount")}{" "}
          <Link href={signupHref} className="font-medium text-primary underline-offset-4 hover:underline">
            {t("signupLink")}
          </Link>
        </p>
      }
    >
      <form onSubmit={onSubmit} className="grid gap-5" noValidate aria-describedby={error ? "login-error" : undefined}>
        <FormError id="login-error" message={error ? (error.key === "errorThrottled" ? t(error.key, { seconds: error.seconds }) : t(error.key)) : null} />
        {/* No errors of their own: the form's one error marks both fields (it never says which is wrong). */}
        <FormField id="email" label={t("email")}>
          {(props) => <Input {...props} name="email" type="email" autoComplete="username" inputMode="email" required autoFocus aria-invalid={error ? true : undefined} />}
        </FormField>
        <FormField id="password" label={t("password")}>
          {(props) => <Input {...props} name="password" type="password" autoComplete="current-password" required aria-invalid={error ? true : undefined} />}
        </FormField>
        <Button type="submit" size="lg" disabled={pending} aria-busy={pending} pending={pending} className="w-full">
          {pending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </AuthCard>
  );
}

type LoginError = { key: "errorInvalid" } | { key: "errorThrottled"; seconds: number };

/**
 * Only two outcomes are worth telling apart: "throttled:<seconds>" (lib/auth/options.ts) says
 * how long to wait; anything else reads as wrong credentials.
 */
function loginError(code: string): LoginError {
  const throttled = /^throttled:(\d+)$/.exec(code);
  return throttled ? { key: "errorThrottled", seconds: Number(throttled[1]) } : { key: "errorInvalid" };
}
