"use client";

import { Send } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { StatusMessage } from "@/components/ui/status-message";
import { inviteMember } from "@/lib/actions/members";
import type { MemberRole } from "@/lib/generated/prisma/enums";

const ROLES: MemberRole[] = ["MEMBER", "BILLING_ADMIN", "OWNER"];

/** Owners invite by e-mail with a role; the invitee gets a link that works once, for 7 days. */
export function InviteForm({ workspaceSlug }: { workspaceSlug: string }) {
  const t = useTranslations("members");
  const roles = useTranslations("roles");
  const router = useRouter();
  const emailRef = useRef<HTMLInputElement>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<MemberRole>("MEMBER");
  const [errors, setErrors] = useState<{ email?: string; role?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setSent(null);
    startTransition(async () => {
      const result = await inviteMember(workspaceSlug, { email, role }).catch(() => null);
      if (!result) return setFormError(t("errorNetwork"));
      if (!result.ok) {
        const fields = result.error.fieldErrors ?? {};
        setErrors({ email: fields.email, role: fields.role });
        if (!fields.email && !fields.role) setFormError(result.error.message);
        else if (fields.email) emailRef.current?.focus();
        return;
      }
      const invited = result.data.email;
      startTransition(() => {
        setErrors({});
        setEmail("");
        setSent(t("invited", { email: invited }));
        router.refresh();
      });
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="invite-form">
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
        <FormField id="invite-email" label={t("inviteEmail")} error={errors.email}>
          {(props) => (
            <Input
              {...props}
              ref={emailRef}
              type="email"
              inputMode="email"
              autoComplete="off"
              maxLength={254}
              value={email}
              disabled={pending}
              data-testid="invite-email"
              onChange={(event) => {
                setEmail(event.target.value);
                setErrors((current) => ({ ...current, email: undefined }));
              }}
            />
          )}
        </FormField>
        <FormField id="invite-role" label={t("inviteRole")} error={errors.role}>
          {(props) => (
            <Select {...props} value={role} disabled={pending} data-testid="invite-role" onChange={(event) => setRole(event.target.value as MemberRole)}>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {roles(value)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} aria-busy={pending} pending={pending} icon={<Send aria-hidden />} data-testid="invite-submit">
          {t("inviteSubmit")}
        </Button>
        <StatusMessage persistent message={sent} />
      </div>
    </form>
  );
}
