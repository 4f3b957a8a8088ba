import "server-only";
import { headers } from "next/headers";
import type { Access } from "@/lib/auth/roles";
import { recordOnboardingVisit, type VisitedScreen } from "@/lib/onboarding/progress";

/**
 * Walkthrough steps 1 and 4 are done when the screen was opened: record it from the page — but
 * not for a router prefetch, which renders the page without anyone looking at it.
 */
export async function recordVisit(workspaceId: string, viewer: Access, screen: VisitedScreen): Promise<boolean> {
  const request = await headers();
  if (request.has("next-router-prefetch") || request.has("next-router-segment-prefetch")) return false;
  return recordOnboardingVisit(workspaceId, viewer, screen);
}
