"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { useInlineConfirm } from "@/components/ui/use-inline-confirm";
import { revokeApiKey } from "@/lib/actions/revoke-api-key";

/** Revoke, then an inline "Revoke? Yes, revoke / Cancel" before anything happens. */
export function RevokeApiKeyButton({ workspaceSlug, keyId, describedBy }: { workspaceSlug: string; keyId: string; describedBy?: string }) {
  const t = useTranslations("developers");
  const router = useRouter();
  const { confirming, triggerRef, cancelRef, open, cancel } = useInlineConfirm();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await revokeApiKey(workspaceSlug, { id: keyId }).catch(() => null);
      if (!result) {
        setError(t("errorNetwork"));
        return;
      }
      if (!result.ok) {
        setError(result.error.fieldErrors?.id ?? result.error.message);
        // Already revoked elsewhere, say: show the list as it is now.
        if (result.error.code === "not_found") router.refresh();
        return;
      }
      router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {confirming ? (
        <InlineConfirm
          question={t("revokeConfirm")}
          className="flex flex-wrap items-center justify-end gap-2 sm:flex-nowrap"
          confirmLabel={t("revokeYes")}
          onConfirm={confirm}
          confirmProps={{ "aria-busy": pending, "aria-describedby": describedBy }}
          cancelLabel={t("revokeCancel")}
          onCancel={cancel}
          cancelRef={cancelRef}
          pending={pending}
        >
          <span className="text-sm font-medium whitespace-nowrap" aria-hidden>
            {t("revokeConfirm")}
          </span>
        </InlineConfirm>
      ) : (
        <Button ref={triggerRef} variant="outline" size="sm" onClick={open} aria-describedby={describedBy}>
          {t("revoke")}
        </Button>
      )}
      {error ? (
        <p role="alert" className="basis-full text-right text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
