"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { setWhatsappCalling } from "@/lib/actions/set-whatsapp-calling";

/** Turns WhatsApp calling on or off; the first time on, the server grants the trial credit once. */
export function WhatsappCallingToggle({
  workspaceSlug,
  enabled,
  canManage,
  trialAmount,
}: {
  workspaceSlug: string;
  enabled: boolean;
  canManage: boolean;
  /** Formatted trial credit still to be granted on first enabling, or null. */
  trialAmount: string | null;
}) {
  const t = useTranslations("channels.whatsappCall");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);

  if (!canManage) return <p className="text-sm text-muted-foreground">{t("ownersOnly")}</p>;

  function toggle() {
    setMessage(null);
    startTransition(async () => {
      const result = await setWhatsappCalling(workspaceSlug, { enabled: !enabled }).catch(() => null);
      if (!result || !result.ok) {
        setMessage({ kind: "error", text: result && !result.ok ? result.error.message : t("errorNetwork") });
        return;
      }
      if (result.data.enabled && result.data.trialGranted !== "0" && trialAmount) {
        setMessage({ kind: "success", text: t("trialGranted", { amount: trialAmount }) });
      }
      router.refresh();
    });
  }

  return (
    <div className="grid gap-3">
      <Button
        variant={enabled ? "outline" : "default"}
        onClick={toggle}
        disabled={pending}
        aria-pressed={enabled}
        data-testid="whatsapp-calling-toggle"
        className="w-fit"
        pending={pending}
      >
        {enabled ? t("turnOff") : t("turnOn")}
      </Button>
      {message ? (
        <Alert variant={message.kind === "error" ? "destructive" : "success"} role="status">
          <AlertDescription>{message.text}</AlertDescription>
        </Alert>
      ) : null}
    </div>
  );
}
