"use client";

import { KeyRound, TriangleAlert } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { CopyButton } from "@/components/developers/copy-button";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { createApiKey } from "@/lib/actions/create-api-key";

type Created = { secret: string; name: string };

/** Owners only: names a new key, then shows its secret once. */
export function CreateApiKeyForm({ workspaceSlug }: { workspaceSlug: string }) {
  const t = useTranslations("developers");
  const router = useRouter();
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();
  const inputRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    startTransition(async () => {
      const result = await createApiKey(workspaceSlug, { name }).catch(() => null);
      if (!result) {
        setFormError(t("errorNetwork"));
        return;
      }
      if (!result.ok) {
        const fieldError = result.error.fieldErrors?.name;
        setNameError(fieldError);
        if (fieldError) inputRef.current?.focus();
        else setFormError(result.error.message);
        return;
      }
      setNameError(undefined);
      setName("");
      setCreated({ secret: result.data.secret, name: result.data.name });
      router.refresh();
    });
  }

  return (
    <div className="grid gap-5">
      <form onSubmit={onSubmit} noValidate data-testid="api-key-form" className="grid max-w-xl gap-4">
        <FormError message={formError} />
        <FormField id="api-key-name" label={t("form.name")} hint={t("form.nameHint")} error={nameError}>
          {(props) => (
            <div className="flex flex-col gap-2 sm:flex-row">
              <Input
                {...props}
                ref={inputRef}
                name="name"
                autoComplete="off"
                placeholder={t("form.namePlaceholder")}
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
              <Button type="submit" disabled={pending} aria-busy={pending} pending={pending} icon={<KeyRound aria-hidden />}>
                {t("form.submit")}
              </Button>
            </div>
          )}
        </FormField>
      </form>
      {created ? <NewSecret key={created.secret} created={created} onDone={() => setCreated(null)} /> : null}
    </div>
  );
}

/** The one time a secret is shown: prominent, copyable, with the warning that it won't come back. */
function NewSecret({ created, onDone }: { created: Created; onDone: () => void }) {
  const t = useTranslations("developers");
  const titleId = useId();
  const ref = useRef<HTMLElement>(null);
  // Move focus here so keyboard and screen-reader users land on the secret they must copy.
  useEffect(() => ref.current?.focus(), []);

  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby={titleId}
      data-testid="api-key-created"
      className="grid gap-3 rounded-lg border-2 border-primary/50 bg-accent p-4 text-accent-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring sm:p-5"
    >
      <h3 id={titleId} className="font-semibold text-foreground">
        {t("secret.title", { name: created.name })}
      </h3>
      <p className="flex items-start gap-2 text-sm font-medium text-warning">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        {t("secret.warning")}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="api-key-secret"
          className="min-w-0 flex-1 basis-64 rounded-md border border-accent-border bg-card px-3 py-2 font-mono text-sm break-all text-foreground select-all"
        >
          {created.secret}
        </code>
        <CopyButton value={created.secret} label={t("copy")} copiedLabel={t("copied")} failedLabel={t("copyFailed")} />
      </div>
      <div>
        <Button variant="ghost" size="sm" className="-ml-3 text-accent-foreground" onClick={onDone}>
          {t("secret.done")}
        </Button>
      </div>
    </section>
  );
}
