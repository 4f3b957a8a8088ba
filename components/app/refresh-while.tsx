"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-reads the page every `intervalMs` while `active` (say, while an auto-recharge is being
 * charged), so what the server learns later — the webhook's credit, a failure — shows without a
 * reload. Stops after `maxRefreshes`, and skips refreshes while the tab is hidden.
 */
export function RefreshWhile({ active, intervalMs = 2_000, maxRefreshes = 30 }: { active: boolean; intervalMs?: number; maxRefreshes?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let refreshes = 0;
    const timer = setInterval(() => {
      if (document.hidden) return;
      refreshes += 1;
      if (refreshes > maxRefreshes) clearInterval(timer);
      else router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, maxRefreshes, router]);
  return null;
}
