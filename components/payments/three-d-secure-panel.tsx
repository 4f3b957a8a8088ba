"use client";

import { ShieldCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

type Props = {
  /** A top-up's PaymentIntent or a card's SetupIntent. */
  kind: "payment" | "setup";
  intentId: string;
  clientSecret: string;
  emulatorUrl: string;
  /** Called once the test bank has answered; the caller asks the server what happened. */
  onAnswered: (result: "succeed" | "fail") => void;
};

/**
 * Test mode's stand-in for the bank's 3-D Secure page: the local Stripe emulator's
 * /authenticate endpoint, called from the browser with the intent's client secret, exactly as
 * Stripe.js would finish the challenge. With real Stripe, Stripe.js shows the bank's own page.
 */
export function ThreeDSecurePanel({ kind, intentId, clientSecret, emulatorUrl, onAnswered }: Props) {
  const t = useTranslations("payments.threeDSecure");
  const [pending, setPending] = useState<"succeed" | "fail" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  // The panel replaces the button just pressed: bring keyboard and screen-reader users to it.
  useEffect(() => ref.current?.focus(), []);

  async function answer(result: "succeed" | "fail") {
    setPending(result);
    setError(null);
    try {
      const path = kind === "payment" ? "payment_intents" : "setup_intents";
      const response = await fetch(`${emulatorUrl}/emulator/${path}/${encodeURIComponent(intentId)}/authenticate`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ result, client_secret: clientSecret }).toString(),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      onAnswered(result);
    } catch {
      setError(t("unreachable"));
      setPending(null);
    }
  }

  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby="three-d-secure-title"
      data-testid="three-d-secure"
      className="grid gap-3 rounded-lg border-2 border-primary/40 bg-accent p-4 text-accent-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <div className="flex items-start gap-2">
        <ShieldCheck aria-hidden className="mt-0.5 size-5 shrink-0" />
        <h3 id="three-d-secure-title" className="font-semibold text-foreground">
          {kind === "payment" ? t("titlePayment") : t("titleSetup")}
        </h3>
      </div>
      <p className="text-sm">{t("body")}</p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => answer("succeed")} disabled={pending !== null} aria-busy={pending === "succeed"} pending={pending === "succeed"} data-testid="three-d-secure-complete">
          {t("complete")}
        </Button>
        <Button variant="outline" onClick={() => answer("fail")} disabled={pending !== null} aria-busy={pending === "fail"} pending={pending === "fail"} data-testid="three-d-secure-fail">
          {t("fail")}
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
