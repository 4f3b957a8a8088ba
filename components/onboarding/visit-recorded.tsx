"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * The page recorded a walkthrough step (its first visit) while the app shell, rendered before
 * it, still shows the step to do: refresh once so the shell catches up.
 */
export function VisitRecorded({ recorded }: { recorded: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (recorded) router.refresh();
  }, [recorded, router]);
  return null;
}
