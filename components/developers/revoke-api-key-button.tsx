"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
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
        <div
          role="group"
          aria-label={t("revokeConfirm")}
          className="flex flex-wrap items-center justify-end gap-2 sm:flex-nowrap"
          onKeyDown={(event) => {
            if (event.key === "Escape" && !pending) cancel();
          }}
        >
          <span className="text-sm font-medium whitespace-nowrap" aria-hidden>
            {t("revokeConfirm")}
          </span>
          <Button variant="destructive" size="sm" onClick={confirm} disabled={pending} aria-busy={pending} aria-describedby={describedBy} pending={pending}>
            {t("revokeYes")}
          </Button>
          <Button ref={cancelRef} variant="ghost" size="sm" onClick={cancel} disabled={pending}>
            {t("revokeCancel")}
          </Button>
        </div>
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
