import { TriangleAlert } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { isProductionEmulator } from "@/lib/payments/emulator-mode";

/**
 * Above every page (sign-in included) of a production server that runs on the Stripe emulator
 * (STRIPE_EMULATOR=on): nobody should mistake a demo server for one that takes real payments.
 * Development servers show the quieter "Test mode" badges instead.
 */
export async function EmulatorModeBanner() {
  if (!isProductionEmulator()) return null;
  const t = await getTranslations("emulatorBanner");
  return (
    <div
      role="note"
      data-testid="emulator-mode-banner"
      className="flex items-start justify-center gap-2 bg-destructive px-4 py-2 text-center text-sm text-destructive-foreground sm:items-center"
    >
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 sm:mt-0" />
      <p>
        <strong className="font-semibold">{t("title")}</strong> {t("body")}
      </p>
    </div>
  );
}
