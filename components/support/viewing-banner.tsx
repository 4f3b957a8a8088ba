"use client";

import { Eye } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { stopImpersonation } from "@/lib/actions/stop-impersonation";
import { minutesLeft } from "@/lib/support/visit-time";

/**
 * Above every workspace page while a support staff member views it: both identities, the
 * reason, the minutes left, and Stop viewing. The server decides the visit is over (the next
 * request after expiry shows the console); the count here is only what the person reads.
 */
export function ViewingBanner({
  staffEmail,
  workspaceName,
  workspaceId,
  reason,
  expiresAt,
  minutesLeft: initialMinutes,
}: {
  staffEmail: string;
  workspaceName: string;
  workspaceId: string;
  reason: string;
  expiresAt: string;
  minutesLeft: number;
}) {
  const t = useTranslations("support.banner");
  const router = useRouter();
  const [minutes, setMinutes] = useState(initialMinutes);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const end = new Date(expiresAt);
    const timer = setInterval(() => {
      const left = minutesLeft(end);
      setMinutes(left);
      // Over: the next request shows the console again (and the server records the expiry).
      if (left === 0) router.refresh();
    }, 15_000);
    return () => clearInterval(timer);
  }, [expiresAt, router]);

  function stop() {
    setError(null);
    startTransition(async () => {
      const result = await stopImpersonation().catch(() => null);
      if (!result || !result.ok) {
        setError(result?.error.message ?? t("errorNetwork"));
        return;
      }
      router.push(`/support/workspaces/${workspaceId}`);
      router.refresh();
    });
  }

  return (
    <section
      aria-label={t("label")}
      data-testid="viewing-banner"
      className="sticky top-0 z-40 border-b-2 border-warning bg-warning-soft px-4 py-2.5 text-foreground sm:px-6"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2">
        <Eye aria-hidden className="size-5 shrink-0 text-warning" />
        <p className="min-w-0 flex-1 text-sm">
          <span className="font-semibold">{t("viewing", { workspace: workspaceName, staff: staffEmail })}</span>{" "}
          <span className="break-words">{t("reason", { reason })}</span>{" "}
          <span className="font-medium whitespace-nowrap" data-testid="viewing-minutes-left">
            {t("minutesLeft", { minutes })}
          </span>
        </p>
        <Button size="sm" variant="outline" onClick={stop} disabled={pending} aria-busy={pending} pending={pending} className="bg-card text-foreground">
          {t("stop")}
        </Button>
        {error ? (
          <p role="alert" className="w-full text-sm font-medium">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}
