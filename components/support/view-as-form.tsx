"use client";

import { Eye } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { fieldClasses } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { startImpersonation } from "@/lib/actions/start-impersonation";

/** "View as": a reason of 10–500 characters, then the workspace's own pages under the banner. */
export function ViewAsForm({ workspaceId }: { workspaceId: string }) {
  const t = useTranslations("support.viewAs");
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await startImpersonation({ workspaceId, reason }).catch(() => null);
      if (!result) return setError(t("errorNetwork"));
      if (!result.ok) return setError(result.error.fieldErrors?.reason ?? result.error.message);
      router.push(`/${result.data.slug}/settings/billing/wallet`);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="view-as-form">
      <FormField id="view-as-reason" label={t("reason")} hint={t("reasonHint")} error={error ?? undefined}>
        {(props) => (
          <textarea
            {...props}
            name="reason"
            required
            minLength={10}
            maxLength={500}
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            className={cn(fieldClasses, "h-auto min-h-20 py-2")}
          />
        )}
      </FormField>
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending} pending={pending} icon={<Eye aria-hidden />}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
