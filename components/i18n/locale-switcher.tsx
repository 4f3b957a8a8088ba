"use client";

import { Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { setLocale } from "@/lib/actions/set-locale";
import { LOCALES, type Locale } from "@/lib/i18n/config";

/** "English / Español": saves the choice (cookie, and the account when signed in), then re-renders. */
export function LocaleSwitcher({ className }: { className?: string }) {
  const t = useTranslations("locale");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const id = useId();

  function change(next: Locale) {
    startTransition(async () => {
      const result = await setLocale({ locale: next });
      if (result.ok) router.refresh();
    });
  }

  return (
    <div className={cn("relative inline-flex items-center", className)}>
      <label htmlFor={id} className="sr-only">
        {t("label")}
      </label>
      <Languages aria-hidden className="pointer-events-none absolute left-2.5 size-4 text-muted-foreground" />
      <select
        id={id}
        value={locale}
        disabled={pending}
        aria-busy={pending}
        onChange={(event) => change(event.target.value as Locale)}
        className={cn(
          "h-9 cursor-pointer appearance-none rounded-md border border-transparent bg-transparent py-1 pr-3 pl-8 text-sm font-medium",
          "text-foreground hover:bg-muted focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/30 focus-visible:outline-none",
          "disabled:opacity-60",
        )}
      >
        {LOCALES.map((value) => (
          <option key={value} value={value} lang={value}>
            {t(value)}
          </option>
        ))}
      </select>
    </div>
  );
}
