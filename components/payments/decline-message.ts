"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";

/**
 * The bank's reason for a refusal, in the user's language: a known decline code has its own
 * translated sentence (the English ones are Stripe's wording); anything else is shown as the
 * bank or Stripe wrote it, so the reason is never lost.
 */
export function useDeclineMessage() {
  const t = useTranslations("payments.declines");
  return useCallback(
    (code: string | null | undefined, message: string | null | undefined): string => {
      if (code && t.has(code)) return t(code);
      if (message) return message;
      return t("generic_decline");
    },
    [t],
  );
}
