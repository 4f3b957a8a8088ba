"use client";

import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { getStripeJs } from "@/components/payments/stripe-js";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

type Props = {
  publishableKey: string;
  clientSecret: string;
  /** Stripe confirmed the SetupIntent in the browser (3-D Secure included): save the card. */
  onConfirmed: () => void;
  onCancel: () => void;
};

/**
 * Real Stripe: the card form is Stripe's Payment Element in an iframe, so card numbers never
 * touch our servers; confirmSetup runs 3-D Secure when the bank asks, without leaving the page.
 */
export function StripeSetupForm(props: Props) {
  const locale = useLocale();
  return (
    <Elements
      stripe={getStripeJs(props.publishableKey)}
      options={{
        clientSecret: props.clientSecret,
        locale: locale === "es" ? "es" : "en",
        appearance: { theme: "stripe", variables: { colorPrimary: "#0f766e", borderRadius: "8px" } },
      }}
    >
      <SetupForm {...props} />
    </Elements>
  );
}

function SetupForm({ onConfirmed, onCancel }: Props) {
  const t = useTranslations("paymentMethods");
  const stripe = useStripe();
  const elements = useElements();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setPending(true);
    setError(null);
    const result = await stripe.confirmSetup({
      elements,
      redirect: "if_required",
      confirmParams: { return_url: window.location.href },
    });
    setPending(false);
    if (result.error) {
      setError(result.error.message ?? t("saveFailed"));
      return;
    }
    onConfirmed();
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" data-testid="stripe-setup-form">
      <PaymentElement options={{ layout: "tabs" }} />
      <FormError message={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={!stripe || pending} aria-busy={pending} pending={pending}>
          {t("save")}
        </Button>
        <Button variant="ghost" onClick={onCancel} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
