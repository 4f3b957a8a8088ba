"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { Input } from "@/components/ui/input";
import { StatusMessage } from "@/components/ui/status-message";
import { useInlineConfirm } from "@/components/ui/use-inline-confirm";
import { removeWhatsappApi, saveWhatsappApi } from "@/lib/actions/whatsapp-api";

type Values = { phoneNumber: string; phoneNumberId: string; businessAccountId: string };
type Field = keyof Values;
const EMPTY: Values = { phoneNumber: "", phoneNumberId: "", businessAccountId: "" };
/** The saved configuration's rows, in order. */
const SUMMARY: { name: Field; className: string; testId?: string }[] = [
  { name: "phoneNumber", className: "tabular font-medium", testId: "whatsapp-api-number" },
  { name: "phoneNumberId", className: "tabular break-all" },
  { name: "businessAccountId", className: "tabular break-all" },
];

/**
 * WhatsApp API setup (R13): the WhatsApp Business number and Meta's two ids. Saved, it makes
 * WhatsApp messages active; shown as a summary with Edit and Remove once configured.
 */
export function WhatsappApiForm({
  workspaceSlug,
  saved,
  canManage,
  tourAnchor,
}: {
  workspaceSlug: string;
  saved: Values | null;
  canManage: boolean;
  /** The guided tour's step 5 points here (the WhatsApp API is what the channel needs next). */
  tourAnchor: boolean;
}) {
  const t = useTranslations("channels.whatsappApi");
  const router = useRouter();
  const [editing, setEditing] = useState(saved === null);
  const [values, setValues] = useState<Values>(saved ?? EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { confirming, triggerRef, cancelRef, open, cancel, close } = useInlineConfirm();

  if (!canManage) {
    return <p className="text-sm text-muted-foreground">{saved ? t("configuredAs", { number: saved.phoneNumber }) : t("ownersOnly")}</p>;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setStatus(null);
    startTransition(async () => {
      const result = await saveWhatsappApi(workspaceSlug, values).catch(() => null);
      if (!result) return setFormError(t("errorNetwork"));
      if (!result.ok) {
        const fieldErrors: Partial<Record<Field, string>> = {};
        for (const [key, message] of Object.entries(result.error.fieldErrors ?? {})) {
          if (key === "phoneNumber" || key === "phoneNumberId" || key === "businessAccountId") fieldErrors[key] = message;
        }
        setErrors(fieldErrors);
        if (!Object.keys(fieldErrors).length) setFormError(result.error.message);
        return;
      }
      const savedValues = result.data;
      startTransition(() => {
        setErrors({});
        setValues(savedValues);
        setEditing(false);
        setStatus(t("saved"));
        router.refresh();
      });
    });
  }

  function confirmRemove() {
    startTransition(async () => {
      const result = await removeWhatsappApi(workspaceSlug).catch(() => null);
      if (!result?.ok) return setFormError(result ? result.error.message : t("errorNetwork"));
      startTransition(() => {
        close();
        setValues(EMPTY);
        setEditing(true);
        setStatus(t("removed"));
        router.refresh();
      });
    });
  }

  if (!editing && saved) {
    return (
      <div className="grid gap-3" data-testid="whatsapp-api-summary">
        <StatusMessage message={status} />
        <FormError message={formError} />
        <dl className="grid gap-1 text-sm">
          {SUMMARY.map(({ name, className, testId }) => (
            <div key={name} className="flex flex-wrap gap-x-2">
              <dt className="text-muted-foreground">{t(name)}</dt>
              <dd className={className} data-testid={testId}>
                {saved[name]}
              </dd>
            </div>
          ))}
        </dl>
        {confirming ? (
          <InlineConfirm
            question={t("removeQuestion")}
            className="flex flex-wrap items-center gap-2 text-sm"
            confirmLabel={t("removeYes")}
            onConfirm={confirmRemove}
            confirmProps={{ "data-testid": "whatsapp-api-remove-confirm" }}
            cancelLabel={t("cancel")}
            onCancel={cancel}
            cancelRef={cancelRef}
            pending={pending}
          >
            <span>{t("removeQuestion")}</span>
          </InlineConfirm>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="outline" onClick={() => setEditing(true)} data-testid="whatsapp-api-edit">
              {t("edit")}
            </Button>
            <Button ref={triggerRef} size="sm" variant="ghost" onClick={open} data-testid="whatsapp-api-remove">
              {t("remove")}
            </Button>
          </div>
        )}
      </div>
    );
  }

  const field = (name: Field, props: { inputMode: "tel" | "numeric"; placeholder: string; autoComplete?: string }) => (
    <FormField id={`whatsapp-api-${name}`} label={t(name)} hint={t(`${name}Hint`)} error={errors[name]}>
      {(control) => (
        <Input
          {...control}
          {...props}
          value={values[name]}
          disabled={pending}
          maxLength={32}
          data-testid={`whatsapp-api-${name}`}
          onChange={(event) => {
            const value = event.target.value;
            setValues((current) => ({ ...current, [name]: value }));
            setErrors((current) => ({ ...current, [name]: undefined }));
          }}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 rounded-lg border border-border p-4" data-testid="whatsapp-api-form" data-tour={tourAnchor ? "channel-whatsapp" : undefined}>
      <p className="text-sm font-medium">{t("title")}</p>
      {status ? (
        <p role="status" className="text-sm text-muted-foreground">
          {status}
        </p>
      ) : null}
      <FormError message={formError} />
      {field("phoneNumber", { inputMode: "tel", placeholder: "+34600000000", autoComplete: "tel" })}
      {field("phoneNumberId", { inputMode: "numeric", placeholder: "106540352242922" })}
      {field("businessAccountId", { inputMode: "numeric", placeholder: "102290129340398" })}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending} aria-busy={pending} pending={pending} data-testid="whatsapp-api-save">
          {t("save")}
        </Button>
        {saved ? (
          <Button type="button" variant="ghost" onClick={() => { setValues(saved); setErrors({}); setEditing(false); }} disabled={pending}>
            {t("cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
