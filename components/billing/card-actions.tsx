"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { useInlineConfirm } from "@/components/ui/use-inline-confirm";
import { removeCard } from "@/lib/actions/remove-card";
import { setDefaultCard } from "@/lib/actions/set-default-card";

/** "Make default" and "Remove", the latter with an inline "Remove? Yes, remove / Cancel". */
export function CardActions({
  workspaceSlug,
  cardId,
  isDefault,
  label,
}: {
  workspaceSlug: string;
  cardId: string;
  isDefault: boolean;
  /** "Visa •••• 4242", so screen readers know which card each button acts on. */
  label: string;
}) {
  const t = useTranslations("paymentMethods");
  const router = useRouter();
  const { confirming, triggerRef, cancelRef, open, cancel, close } = useInlineConfirm();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<"default" | "remove" | null>(null);
  const [, startTransition] = useTransition();

  function run(kind: "default" | "remove") {
    setError(null);
    setPending(kind);
    startTransition(async () => {
      const action = kind === "default" ? setDefaultCard : removeCard;
      const result = await action(workspaceSlug, { cardId }).catch(() => null);
      setPending(null);
      if (!result) {
        setError(t("errorNetwork"));
        return;
      }
      if (!result.ok) {
        setError(result.error.code === "card_required_for_auto_recharge" ? result.error.message : (result.error.fieldErrors?.cardId ?? result.error.message));
        if (kind === "remove") cancel();
        if (result.error.code === "not_found") router.refresh();
        return;
      }
      close();
      router.refresh();
    });
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      {confirming ? (
        // Only Remove can be running here: Make default is not shown while the question is.
        <InlineConfirm
          question={t("removeConfirm", { card: label })}
          className="flex flex-wrap items-center justify-end gap-2"
          confirmLabel={t("removeYes")}
          onConfirm={() => run("remove")}
          confirmProps={{ "aria-busy": pending === "remove", "data-testid": "remove-card-confirm" }}
          cancelLabel={t("cancel")}
          onCancel={cancel}
          cancelRef={cancelRef}
          pending={pending === "remove"}
        >
          <span className="text-sm font-medium" aria-hidden>
            {t("removeConfirmShort")}
          </span>
        </InlineConfirm>
      ) : (
        <>
          {!isDefault ? (
            <Button variant="ghost" size="sm" onClick={() => run("default")} disabled={pending !== null} aria-busy={pending === "default"} pending={pending === "default"} data-testid="make-default">
              {t("makeDefault")}
              <span className="sr-only">: {label}</span>
            </Button>
          ) : null}
          <Button ref={triggerRef} variant="outline" size="sm" onClick={open} disabled={pending !== null} data-testid="remove-card">
            {t("remove")}
            <span className="sr-only">: {label}</span>
          </Button>
        </>
      )}
      {error ? (
        <p role="alert" data-testid="card-action-error" className="basis-full text-right text-xs font-medium text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
